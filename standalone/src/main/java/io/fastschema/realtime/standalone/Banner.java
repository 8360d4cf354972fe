package io.fastschema.realtime.standalone;

import io.fastschema.realtime.embedded.DatabaseCoordinates;
import io.fastschema.realtime.embedded.DatabaseKind;
import io.fastschema.realtime.embedded.SeededIds;
import java.io.PrintStream;
import java.nio.file.Path;

/** What the one-command run prints once it is ready: where to connect and how to see an event. */
final class Banner {

  private Banner() {}

  static void print(
      PrintStream out,
      int port,
      String token,
      DatabaseCoordinates db,
      SeededIds seeded,
      Path appDir,
      boolean console) {
    String url = "ws://localhost:" + port + "/api/realtime/content?schema=blog";
    long blog = seeded.blogIds().get(0);
    String update = "UPDATE blogs SET views = views + 1 WHERE id = " + blog;
    out.printf("%n================ fastschema-realtime is ready ================%n");
    boolean mariaDb = db.kind() == DatabaseKind.MARIADB;
    out.printf(
        "Embedded %s %s:%d/%s (user %s, password %s), sample app in %s%n",
        mariaDb ? "MariaDB" : "PostgreSQL",
        db.host(),
        db.port(),
        db.database(),
        db.user(),
        db.password(),
        appDir);
    if (console) {
      // The token rides in the fragment, which the browser keeps to itself.
      out.printf("%nLive console (browser):%n  http://localhost:%d/#token=%s%n", port, token);
    }
    out.printf("%nWebSocket URL:%n  %s%n", url);
    out.printf("%nAccess token (root user 'admin', valid 7 days):%n  %s%n", token);
    out.printf("%nListen (Node):%n  npx wscat -c '%s' -s Authorization -s %s%n", url, token);
    if (mariaDb) {
      out.printf(
          "%nMake a change (another terminal), with the mariadb client:%n"
              + "  mariadb -h %s -P %d -u %s -p%s %s -e '%s'%n",
          db.host(), db.port(), db.user(), db.password(), db.database(), update);
    } else {
      out.printf(
          "%nMake a change (another terminal), with psql:%n"
              + "  psql 'postgresql://%s:%s@%s:%d/%s' -c '%s'%n",
          db.user(), db.password(), db.host(), db.port(), db.database(), update);
    }
    out.printf(
        "or without psql:%n  java -cp standalone/target/standalone.jar "
            + "io.fastschema.realtime.standalone.SqlCommand '%s' '%s'%n",
        db.jdbcUrlWith("user=" + db.user() + "&password=" + db.password()), update);
    out.printf("%nReadiness: http://localhost:%d/readyz   Stop: Ctrl-C%n", port);
    out.printf("==============================================================%n%n");
    out.flush();
  }
}
