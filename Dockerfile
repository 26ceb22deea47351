# Gardien in a container, beside the config repository's Git server.
# Build: docker build -t gardien .      Run: docker run --rm -v "$PWD/examples/fleet:/repo:ro" gardien validate /repo
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
RUN useradd --system --create-home --home-dir /var/lib/gardien --shell /usr/sbin/nologin gardien
COPY --from=build /src/reconciler/target/gardien.jar /opt/gardien/gardien.jar
COPY schemas /opt/gardien/schemas
USER gardien
ENV GARDIEN_HOME=/var/lib/gardien
VOLUME ["/var/lib/gardien"]
ENTRYPOINT ["java", "-jar", "/opt/gardien/gardien.jar"]
CMD ["--help"]
