package io.fastschema.realtime.fanout.jetty;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Sends each request to the handler of the connector it arrived on: the named one gets {@code
 * named}, every other {@code others}. A path never reaches the other port's handler, however it is
 * spelt ({@code /%6detrics} is decoded before, and is {@code /metrics} on neither side but one).
 */
final class ByConnector extends Handler.AbstractContainer {

  private final String name;
  private final Handler named;
  private final Handler others;

  ByConnector(String name, Handler named, Handler others) {
    this.name = name;
    this.named = named;
    this.others = others;
    addBean(named);
    addBean(others);
  }

  @Override
  public java.util.List<Handler> getHandlers() {
    return java.util.List.of(named, others);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    boolean management = name.equals(request.getConnectionMetaData().getConnector().getName());
    return (management ? named : others).handle(request, response, callback);
  }
}
