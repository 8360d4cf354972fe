package io.fastschema.realtime.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The MySQL form of the sample layout, derived from the MariaDB script (uuid → char(36)). */
class MySqlLayoutTest {

  private static final Pattern UUID_COLUMN = Pattern.compile("(?m)^  `\\w+` uuid ");
  private static final Pattern CHAR36_COLUMN = Pattern.compile("(?m)^  `\\w+` char\\(36\\) ");

  @Test
  void everyUuidColumnBecomesChar36AndNothingElseChanges() throws IOException {
    String mariaDb = script();
    int uuidColumns = count(UUID_COLUMN, mariaDb);
    String mySql = SampleApp.withMySqlUuids(mariaDb);

    assertEquals(17, uuidColumns, "uuid columns of the sample layout (ids, FKs, junctions)");
    assertEquals(uuidColumns, count(CHAR36_COLUMN, mySql));
    assertEquals(0, count(UUID_COLUMN, mySql));
    assertEquals(
        mariaDb.replaceAll("(?m)^(  `\\w+`) uuid ", "$1 X "),
        mySql.replaceAll("(?m)^(  `\\w+`) char\\(36\\) ", "$1 X "),
        "only the uuid column types differ");
    // The comment that explains the choice survives untouched.
    assertFalse(mySql.contains("native char(36)"));
  }

  private static String script() throws IOException {
    try (InputStream in = SampleApp.class.getResourceAsStream("sample-app/mariadb-schema.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int count(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
