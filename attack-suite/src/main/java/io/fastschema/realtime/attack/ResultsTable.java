package io.fastschema.realtime.attack;

import java.util.List;

/** The run's results as the Markdown table README's reliability section quotes. */
final class ResultsTable {

  private ResultsTable() {}

  static String markdown(List<Attack.Result> results) {
    StringBuilder out =
        new StringBuilder(
            "| attack | expected bound | observed | result | time |\n|---|---|---|---|---|\n");
    for (Attack.Result r : results) {
      out.append("| ")
          .append(cell(r.name()))
          .append(" | ")
          .append(cell(r.bound()))
          .append(" | ")
          .append(cell(r.observed()))
          .append(" | ")
          .append(r.passed() ? "pass" : "**FAIL**")
          .append(" | ")
          .append(String.format("%.1f s", r.millis() / 1000.0))
          .append(" |\n");
    }
    long passed = results.stream().filter(Attack.Result::passed).count();
    return out.append("\n")
        .append(passed)
        .append(" of ")
        .append(results.size())
        .append(" passed.")
        .toString();
  }

  /** One line, without the pipes that would split the cell. */
  private static String cell(String text) {
    String flat = text.replace('\n', ' ').replace("|", "\\|");
    return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
  }
}
