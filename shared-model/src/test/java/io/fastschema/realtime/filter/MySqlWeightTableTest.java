package io.fastschema.realtime.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.testing.MariaDb;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link MySqlCollation}'s weight table is the server's: every BMP code point's {@code
 * WEIGHT_STRING} under {@code utf8mb4_unicode_ci} and {@code utf8mb4_general_ci}, read from the
 * embedded MariaDB, must equal the committed file byte for byte. {@code -Dfilter.writeWeights=true}
 * rewrites the file in {@code src/main/resources} instead.
 */
@ExtendWith(SharedServicesExtension.class)
class MySqlWeightTableTest {

  private static final Path SOURCE =
      Path.of("src/main/resources/io/fastschema/realtime/filter", MySqlCollation.TABLE);

  @Test
  void committedTableHoldsTheServersWeights(@MariaDb SharedServices services) throws Exception {
    byte[] fromServer = tableOf(services);
    if (Boolean.getBoolean("filter.writeWeights")) {
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
        out.write(fromServer);
      }
      Files.write(SOURCE, gz.toByteArray());
      System.out.println("MySqlWeightTableTest: wrote " + SOURCE.toAbsolutePath());
      return;
    }
    byte[] committed;
    try (var in =
        new GZIPInputStream(MySqlCollation.class.getResourceAsStream(MySqlCollation.TABLE))) {
      committed = in.readAllBytes();
    }
    assertEquals(fromServer.length, committed.length, "table size");
    List<Integer> differing = new ArrayList<>();
    DataInputStream a = new DataInputStream(new ByteArrayInputStream(fromServer));
    DataInputStream b = new DataInputStream(new ByteArrayInputStream(committed));
    for (int i = 0; i < fromServer.length && differing.size() < 10; i++) {
      if (a.read() != b.read()) {
        differing.add(i);
      }
    }
    assertTrue(differing.isEmpty(), "the table differs from the server at bytes " + differing);
  }

  /**
   * MAGIC, then per BMP code point its unicode_ci weights (count, then each weight minus the
   * previous code point's weight at the same index, or 0), then general_ci's weights (each minus
   * the previous one's). The differences make runs of implicit weights (CJK, unassigned) compress.
   */
  private static byte[] tableOf(SharedServices services) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(MySqlCollation.MAGIC);
    char[] general = new char[MySqlCollation.BMP];
    try (Connection db = services.appDb().connect();
        Statement statement = db.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT seq,"
                    + " WEIGHT_STRING(CONVERT(CHAR(seq USING utf32) USING utf8mb4)"
                    + " COLLATE utf8mb4_unicode_ci),"
                    + " WEIGHT_STRING(CONVERT(CHAR(seq USING utf32) USING utf8mb4)"
                    + " COLLATE utf8mb4_general_ci)"
                    + " FROM seq_0_to_65535 ORDER BY seq")) {
      int expected = 0;
      String previous = "";
      while (rs.next()) {
        int c = rs.getInt(1);
        assertEquals(expected++, c);
        byte[] unicode = rs.getBytes(2);
        byte[] generalWeight = rs.getBytes(3);
        if (unicode == null) {
          // Surrogates are no characters: a lone one in a Java string weighs as U+FFFD.
          out.writeByte(1);
          out.writeChar(0xFFFD - (previous.isEmpty() ? 0 : previous.charAt(0)));
          previous = "\uFFFD";
          general[c] = 0xFFFD;
          continue;
        }
        out.writeByte(unicode.length / 2);
        for (int i = 0; i < unicode.length / 2; i++) {
          char weight = (char) (((unicode[2 * i] & 0xFF) << 8) | (unicode[2 * i + 1] & 0xFF));
          out.writeChar(weight - (i < previous.length() ? previous.charAt(i) : 0));
        }
        previous = new String(unicode, java.nio.charset.StandardCharsets.UTF_16BE);
        general[c] = (char) (((generalWeight[0] & 0xFF) << 8) | (generalWeight[1] & 0xFF));
      }
      assertEquals(MySqlCollation.BMP, expected);
    }
    char previousGeneral = 0;
    for (char weight : general) {
      out.writeChar(weight - previousGeneral);
      previousGeneral = weight;
    }
    return bytes.toByteArray();
  }
}
