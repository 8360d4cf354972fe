package io.fastschema.realtime.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the schema files of a FastSchema app directory: {@code <app>/data/schemas/*.json}, not
 * recursive, as FastSchema's {@code schema.GetSchemasFromDir} globs them.
 *
 * <p>Thread-safety: stateless.
 */
final class SchemaFiles {

  private SchemaFiles() {}

  /** File name → content, sorted by name; unreadable files are reported and left out. */
  static SortedMap<String, String> read(Path appDir, LoadProblems problems) {
    Path dir = appDir.resolve("data").resolve("schemas");
    SortedMap<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      problems.add(
          dir.toString(),
          "schema directory does not exist (is %s a FastSchema app" + " directory?)",
          appDir);
      return files;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.json")) {
      for (Path file : entries) {
        if (Files.isRegularFile(file)) {
          readOne(file, files, problems);
        }
      }
    } catch (IOException e) {
      problems.add(dir.toString(), "cannot list schema files: %s", e);
    }
    return files;
  }

  private static void readOne(Path file, SortedMap<String, String> files, LoadProblems problems) {
    String name = file.getFileName().toString();
    try {
      files.put(name, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      problems.add(name, "cannot read: %s", e);
    }
  }
}
