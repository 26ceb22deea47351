# Gardien in a container, beside the config repository's Git server (docs/deploy.md).
# The image is made from the jar built beforehand, on any engine:
#   mvn -B -DskipTests package
#   docker build -t gardien .                    # or podman build; BASE_IMAGE picks the Java runtime
#   docker run --rm -v "$PWD/examples/fleet:/repo:ro" gardien validate /repo
#   docker run -d -v gardien-state:/var/lib/gardien -p 9414:9414 \
#     --secret gardien-ssh-key --secret gardien-secret-key gardien run https://git.example.com/ops/fleet.git
# Where no image can be pulled, any local image with a Java 17+ runtime does (ContainerIT imports
# one made from a Debian 13 root file system: --build-arg BASE_IMAGE=localhost/gardien-jre-base).
ARG BASE_IMAGE=docker.io/library/eclipse-temurin:17-jre
FROM ${BASE_IMAGE}
# curl for the health check, nmap for the monthly maintenance's port scan from outside, DejaVu fonts for
# the monthly PDF report (each installed only when the base lacks it); git is not needed (JGit is in the jar)
RUN set -e; \
    need=""; \
    command -v curl >/dev/null 2>&1 || need="$need curl"; \
    command -v nmap >/dev/null 2>&1 || need="$need nmap"; \
    [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need="$need fonts-dejavu-core"; \
    if [ -n "$need" ]; then \
      apt-get update && apt-get install -y --no-install-recommends $need && rm -rf /var/lib/apt/lists/*; \
    fi; \
    useradd --system --uid 10001 --create-home --home-dir /var/lib/gardien --shell /usr/sbin/nologin gardien
COPY reconciler/target/gardien.jar /opt/gardien/gardien.jar
COPY schemas /opt/gardien/schemas
COPY examples/fleet /opt/gardien/examples/fleet
# a class-data-sharing archive of Gardien's classes, made by a training run on the example fleet
# the JVM maps them instead of loading them, and a command starts in half the time
RUN java -XX:ArchiveClassesAtExit=/opt/gardien/gardien.jsa -jar /opt/gardien/gardien.jar \
      train-class-cache /opt/gardien/examples/fleet >/dev/null
USER gardien
# State (the volume): the state database with the encrypted secrets and run history (state/), the
# daemon's Git mirror and checkouts (daemon/), the ports servers were last reached on (ports/).
# Keys are not state: Gardien's SSH private key and the secret store's key arrive as mounted
# secrets (/run/secrets/NAME, readable by uid 10001 only), never in the volume; back them up apart.
ENV GARDIEN_HOME=/var/lib/gardien \
    GARDIEN_LISTEN=0.0.0.0:9414 \
    GARDIEN_IDENTITY=/run/secrets/gardien-ssh-key \
    GARDIEN_SECRET_KEY=/run/secrets/gardien-secret-key
VOLUME ["/var/lib/gardien"]
EXPOSE 9414
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:9414/healthz >/dev/null || exit 1
# `run` listens on all interfaces here (GARDIEN_LISTEN; only published ports are reachable); SIGTERM lets the
# servers in flight finish and `run` exit 0: give the container a stop timeout to match (--shutdown-grace).
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/opt/gardien/gardien.jsa", "-Xlog:disable", "-Xlog:all=warning:stderr", \
            "-jar", "/opt/gardien/gardien.jar"]
CMD ["--help"]
