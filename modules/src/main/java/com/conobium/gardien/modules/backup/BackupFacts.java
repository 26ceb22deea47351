package com.conobium.gardien.modules.backup;

import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.FileFacts;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the backup probe found.
 *
 * @param files Gardien's files ({@link BackupFiles#ALL}) by path
 * @param timerEnabled systemd's {@code UnitFileState} of the timer, empty when it does not exist
 * @param timerActive systemd's {@code ActiveState} of the timer
 * @param now the server's clock, seconds since the epoch
 * @param repository the repository the script last initialised or found ({@code repository},
 *     {@code initialised}); empty before the first apply
 * @param lastRun the record of the last backup run; empty until one has run
 * @param lastCheck the record of the last verification; empty until one has run
 * @param replicas the records of each replica (1, 2… in order): its last copy and verification
 */
public record BackupFacts(
    Map<String, FileFacts> files,
    String timerEnabled,
    String timerActive,
    long now,
    Optional<StateRecord> repository,
    Optional<StateRecord> lastRun,
    Optional<StateRecord> lastCheck,
    List<Replica> replicas) {
  public BackupFacts {
    files = Map.copyOf(files);
    replicas = List.copyOf(replicas);
  }

  /** Facts without replica records. */
  public BackupFacts(Map<String, FileFacts> files, String timerEnabled, String timerActive, long now,
      Optional<StateRecord> repository, Optional<StateRecord> lastRun, Optional<StateRecord> lastCheck) {
    this(files, timerEnabled, timerActive, now, repository, lastRun, lastCheck, List.of());
  }

  /** The records of replica {@code number} (from 1); empty records when it has none. */
  Replica replica(int number) {
    return number <= replicas.size() ? replicas.get(number - 1) : new Replica(Optional.empty(), Optional.empty());
  }

  /**
   * What the script recorded of one replica.
   *
   * @param run its last copy ({@code replica-N}): status, lastSuccess, snapshots, message
   * @param check its last verification ({@code replica-N-check})
   */
  public record Replica(Optional<StateRecord> run, Optional<StateRecord> check) {}

  /** The facts of {@code path}; absent when the probe did not report it. */
  FileFacts file(String path) {
    return files.getOrDefault(path, FileFacts.absent());
  }

  /** Parses the probe's JSON. */
  public static BackupFacts parse(JsonNode json) throws FactsException {
    if (json == null || !json.isObject() || !json.path("files").isObject() || !json.path("now").canConvertToLong()) {
      throw new FactsException("backup probe: expected an object with files and now, got " + json);
    }
    Map<String, FileFacts> files = new LinkedHashMap<>();
    var fields = json.get("files").fields();
    while (fields.hasNext()) {
      var e = fields.next();
      files.put(e.getKey(), FileFacts.parse(e.getValue()));
    }
    JsonNode timer = json.path("timer");
    return new BackupFacts(
        files,
        timer.path("enabled").asText("").strip(),
        timer.path("active").asText("").strip(),
        json.get("now").asLong(),
        StateRecord.parse(json.get("repository")),
        StateRecord.parse(json.get("lastRun")),
        StateRecord.parse(json.get("lastCheck")),
        replicas(json.get("replicas")));
  }

  private static List<Replica> replicas(JsonNode node) {
    List<Replica> out = new java.util.ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(r -> out.add(new Replica(StateRecord.parse(r.get("run")), StateRecord.parse(r.get("check")))));
    }
    return out;
  }

  /**
   * One of the script's {@code key=value} records in {@code /var/lib/gardien/backup}.
   *
   * @param values the record's values by key
   */
  public record StateRecord(Map<String, String> values) {
    public StateRecord {
      values = Map.copyOf(values);
    }

    static Optional<StateRecord> parse(JsonNode node) {
      if (node == null || !node.isObject()) {
        return Optional.empty();
      }
      Map<String, String> values = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText("")));
      return Optional.of(new StateRecord(values));
    }

    /** The text of {@code key}, empty when absent. */
    public String text(String key) {
      return values.getOrDefault(key, "").strip();
    }

    /** The number of {@code key}, empty when absent or not a non-negative integer. */
    public Optional<Long> number(String key) {
      String text = text(key);
      return text.matches("[0-9]{1,18}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
    }
  }
}
