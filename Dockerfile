# Gardien in a container, beside the config repository's Git server (examples/compose.yaml,
# docs/deploy.md).
#   docker build -t gardien .
#   docker run --rm -v "$PWD/examples/fleet:/repo:ro" gardien validate /repo
#   docker run -d -v gardien-state:/var/lib/gardien -p 9414:9414 gardien run https://git.example.com/ops/fleet.git
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY model/pom.xml model/
COPY modules/pom.xml modules/
COPY testhosts/pom.xml testhosts/
COPY reconciler/pom.xml reconciler/
RUN mvn -B -q -pl reconciler -am dependency:go-offline || true
COPY . .
RUN mvn -B -q -DskipTests -pl reconciler -am package

FROM eclipse-temurin:17-jre
# curl for the health check; git is not needed (JGit is in the jar)
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --create-home --home-dir /var/lib/gardien --shell /usr/sbin/nologin gardien
COPY --from=build /src/reconciler/target/gardien.jar /opt/gardien/gardien.jar
COPY schemas /opt/gardien/schemas
USER gardien
# State: SSH key (id_ed25519), secret key (secret.key), the state database with the encrypted
# secrets and run history (state/), the daemon's Git mirror and
# checkouts (daemon/). Back up state/ and secret.key (apart): together they hold the generated passwords.
ENV GARDIEN_HOME=/var/lib/gardien \
    GARDIEN_LISTEN=0.0.0.0:9414
VOLUME ["/var/lib/gardien"]
EXPOSE 9414
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:9414/healthz >/dev/null || exit 1
# `run` listens on all interfaces here (GARDIEN_LISTEN; only published ports are reachable); SIGTERM lets the
# servers in flight finish: give the container a stop timeout to match (--shutdown-grace).
ENTRYPOINT ["java", "-jar", "/opt/gardien/gardien.jar"]
CMD ["--help"]
