package io.fastschema.realtime.fanout;

import io.fastschema.realtime.model.SchemaCatalog;
import io.fastschema.realtime.model.SchemaLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schemas as FastSchema's app directory defines them now: FastSchema writes {@code
 * data/schemas/*.json} when a schema is created or edited, so the directory is re-read when any
 * file in it changed. A broken edit keeps the last good catalog (and says so) rather than refusing
 * every handshake.
 *
 * <p>Thread-safe.
 */
public final class LiveSchemaCatalog {

  private static final Logger LOG = LoggerFactory.getLogger(LiveSchemaCatalog.class);

  private final Path appDir;
  private final AtomicReference<SchemaCatalog> current;

  /** Fingerprint of the schema files behind {@link #current}; refresh thread only. */
  private volatile long fingerprint;

  public LiveSchemaCatalog(Path appDir) throws SchemaLoadException {
    this.appDir = appDir;
    this.fingerprint = fingerprint();
    this.current = new AtomicReference<>(SchemaCatalog.load(appDir));
  }

  public SchemaCatalog current() {
    return current.get();
  }

  /** Re-reads the schemas if a file changed; returns whether the catalog was replaced. */
  public boolean refresh() {
    long now = fingerprint();
    if (now == fingerprint) {
      return false;
    }
    try {
      current.set(SchemaCatalog.load(appDir));
      fingerprint = now;
      LOG.info("Reloaded schemas from {}: {}", appDir, current.get().schemas().size());
      return true;
    } catch (SchemaLoadException e) {
      LOG.warn(
          "Schemas in {} changed but do not load; keeping the previous ones: {}",
          appDir,
          e.getMessage());
      fingerprint = now;
      return false;
    }
  }

  private long fingerprint() {
    Path dir = appDir.resolve("data").resolve("schemas");
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.toString().endsWith(".json"))
          .mapToLong(
              p -> {
                try {
                  return p.getFileName().toString().hashCode() * 31L
                      + Files.getLastModifiedTime(p).toMillis()
                      + Files.size(p) * 17L;
                } catch (IOException e) {
                  return 1;
                }
              })
          .sum();
    } catch (IOException e) {
      LOG.warn("Cannot list {}: {}", dir, e.toString());
      return fingerprint;
    }
  }
}
