package io.fastschema.realtime.standalone;

import io.fastschema.realtime.config.CommonSettings;
import io.fastschema.realtime.config.Setting;
import io.fastschema.realtime.fanout.FanoutSettings;
import io.fastschema.realtime.ingest.IngestSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration reference of every process, generated from the setting definitions. The
 * README's table is this output ({@code ConfigurationReferenceTest} keeps them equal); run {@code
 * java -cp standalone/target/standalone.jar
 * io.fastschema.realtime.standalone.ConfigurationReference} to print it.
 */
public final class ConfigurationReference {

  private ConfigurationReference() {}

  public static List<Setting<?>> allSettings() {
    List<Setting<?>> all = new ArrayList<>(CommonSettings.all());
    all.addAll(IngestSettings.all());
    all.addAll(FanoutSettings.all());
    all.addAll(StandaloneSettings.all());
    return all;
  }

  /** A Markdown table, essentials first. */
  public static String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| Variable | Used by | Default | Type | Meaning |\n");
    out.append("|---|---|---|---|---|\n");
    for (Setting.Tier tier : Setting.Tier.values()) {
      append(out, tier, CommonSettings.all(), "all");
      append(out, tier, IngestSettings.all(), "ingest");
      append(out, tier, FanoutSettings.all(), "fanout");
      append(out, tier, StandaloneSettings.all(), "standalone");
    }
    return out.toString();
  }

  private static void append(
      StringBuilder out, Setting.Tier tier, List<Setting<?>> settings, String usedBy) {
    for (Setting<?> s : settings) {
      if (s.tier() != tier) {
        continue;
      }
      out.append("| `")
          .append(s.env())
          .append("` | ")
          .append(usedBy)
          .append(" | ")
          .append(s.defaultValue().map(v -> "`" + v + "`").orElse(""))
          .append(" | ")
          .append(s.typeName().replace("|", "\\|"))
          .append(s.secret() ? ", secret" : "")
          .append(" | ")
          .append(s.doc().replace("|", "\\|"))
          .append(" |\n");
    }
  }

  public static void main(String[] args) {
    System.out.print(markdown());
  }
}
