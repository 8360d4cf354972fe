package io.fastschema.realtime.faultdrill;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * kill -9 the fanout node several clients are connected to (with {@code since=now}); each client
 * sees its connection drop and reconnects to the other node with {@code since=<last cursor>}, and
 * must get every row exactly once: what it missed replayed, then live.
 */
final class FanoutKillScenario extends Scenario {

  FanoutKillScenario(int rows, int rate, int faultAfterRows, int clients) {
    super(
        "fanout-kill",
        "kill -9 the fanout node "
            + clients
            + " resuming clients are on; they "
            + "reconnect to the other node with since=<last cursor>",
        rows,
        rate,
        faultAfterRows,
        clients);
  }

  @Override
  String since() {
    return "now";
  }

  @Override
  String unsupported(List<Subscriber> subscribers) {
    for (Subscriber s : subscribers) {
      if (s.lastCursor() == null) {
        return "the fanout does not implement resume yet: a since=now subscription got "
            + s.messagesWithoutCursor()
            + " message(s) without a \"cursor\" field";
      }
    }
    return null;
  }

  @Override
  FaultTimes inject(DrillStack stack, Clients clients) {
    stack.fanouts().get(0).kill9();
    long downAt = System.nanoTime();
    ServiceNode other = stack.fanouts().get(1);
    for (int i = 0; i < clients.subscribers.size(); i++) {
      SubscriberConnection dropped = clients.connections.get(i);
      try {
        clients.closes.add(dropped.closed().get(30, TimeUnit.SECONDS));
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("client-" + i + " did not see its node die within 30 s", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      Subscriber subscriber = clients.subscribers.get(i);
      clients.connections.set(
          i,
          clients.ws.connect(
              subscriber, stack.blogUri(other, subscriber.lastCursor()), clients.token));
    }
    return new FaultTimes(downAt, System.nanoTime());
  }
}
