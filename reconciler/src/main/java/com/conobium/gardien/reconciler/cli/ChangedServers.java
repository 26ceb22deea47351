package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.InvalidConfigException;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.load.ConfigRepoLoader;
import com.conobium.gardien.reconciler.git.TreeExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The servers a change touches: those whose effective spec (their manifest over Profile and Fleet
 * defaults) or whose fleet settings differ between a Git revision and the repository as it is
 * now. The repository may be a folder of a larger Git repository.
 */
final class ChangedServers {
  /**
   * @param base the revision compared with, as its full id
   * @param changed servers new since then or whose effective spec changed, in repository order
   * @param removed names of servers that were in the base revision and are gone
   * @param baseInvalid whether the base revision's repository was missing or invalid (every
   *     server then counts as changed)
   */
  record Result(String base, List<Server> changed, List<String> removed, boolean baseInvalid) {}

  private final ConfigRepoLoader loader = new ConfigRepoLoader();

  /** Compares {@code now} (read from {@code repoDir}) with {@code repoDir} at revision {@code rev}. */
  Result since(Path repoDir, String rev, ConfigRepo now) throws IOException {
    Path dir = repoDir.toAbsolutePath().normalize();
    try (Repository git = new FileRepositoryBuilder().findGitDir(dir.toFile()).setMustExist(true).build()) {
      if (git.getDirectory() == null || git.isBare()) {
        throw new IOException(repoDir + " is not inside a Git work tree");
      }
      ObjectId id = git.resolve(rev + "^{commit}");
      if (id == null) {
        throw new IOException("no revision '" + rev + "' in " + git.getWorkTree());
      }
      Path relative = git.getWorkTree().toPath().toRealPath().relativize(dir.toRealPath());
      Path tmp = Files.createTempDirectory("gardien-base");
      try {
        TreeExport.write(git, id, tmp);
        Optional<ConfigRepo> base = load(tmp.resolve(relative.toString()));
        return compare(id.name(), base.orElse(null), now);
      } finally {
        delete(tmp);
      }
    }
  }

  static Result compare(String base, ConfigRepo before, ConfigRepo now) {
    List<Server> changed = new ArrayList<>();
    for (Server s : now.servers()) {
      Optional<Server> old = before == null ? Optional.empty() : before.server(s.name());
      if (old.isEmpty() || !old.get().spec().equals(s.spec()) || !before.fleet().equals(now.fleet())) {
        changed.add(s);
      }
    }
    List<String> removed = before == null ? List.of() : before.servers().stream().map(Server::name)
        .filter(n -> now.server(n).isEmpty()).toList();
    return new Result(base, changed, removed, before == null);
  }

  private Optional<ConfigRepo> load(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try {
      return Optional.of(loader.load(dir));
    } catch (InvalidConfigException e) {
      return Optional.empty();
    }
  }

  /** Deletes {@code dir} and everything under it. */
  static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
