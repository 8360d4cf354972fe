package io.fastschema.realtime.attack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the black-box attack run of issue 13 against a standalone stack it starts on loopback
 * (README "Reliability: hostile clients"), and prints a results table in Markdown: attack, bound,
 * what was observed, pass or fail. Exits 0 when every attack passed, 1 otherwise, 3 when the whole
 * run exceeded its time bound (first argument, seconds; default 300). Further arguments pick
 * attacks by the item number their name starts with ({@code 300 1 7}: items 1 and 7 only).
 */
public final class AttackRun {

  private AttackRun() {}

  public static void main(String[] args) throws Exception {
    Duration bound = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 300);
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(bound.toMillis());
                System.err.println("attack run: exceeded its bound of " + bound.toSeconds() + " s");
                Runtime.getRuntime().halt(3);
              } catch (InterruptedException finished) {
                // the run ended in time
              }
            },
            "attack-run-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    List<String> items = List.of(args).subList(Math.min(1, args.length), args.length);
    List<Attack.Result> results =
        run(
            Attacks.all().stream()
                .filter(a -> items.isEmpty() || items.contains(a.name().split(" ")[0]))
                .toList());
    System.out.println();
    System.out.println(ResultsTable.markdown(results));
    watchdog.interrupt();
    System.exit(results.stream().allMatch(Attack.Result::passed) ? 0 : 1);
  }

  /** Starts the stack, runs {@code attacks} one after the other, stops the stack. */
  static List<Attack.Result> run(List<Attack> attacks) throws Exception {
    List<Attack.Result> results = new ArrayList<>();
    try (AttackStack stack = AttackStack.start()) {
      for (Attack a : attacks) {
        System.err.println("attack run: " + a.name());
        results.add(a.runAgainst(stack));
      }
    }
    return results;
  }
}
