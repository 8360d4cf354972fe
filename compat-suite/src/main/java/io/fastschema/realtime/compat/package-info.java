/**
 * A compatibility suite that checks a running fastschema-realtime stack against FastSchema's
 * Realtime API (spec {@code fastschema-realtime-spec.md}) and against the deviations the README
 * documents, from the outside: WebSocket handshakes, access tokens minted with the {@code APP_KEY},
 * and SQL on the application database.
 *
 * <p>The cases are data ({@code compat-cases.json} next to {@link
 * io.fastschema.realtime.compat.CompatibilitySuite}); {@link
 * io.fastschema.realtime.compat.CaseCatalog} reads them, {@link
 * io.fastschema.realtime.compat.CaseRunner} runs one, {@link
 * io.fastschema.realtime.compat.CompatibilitySuite} runs them all and reports.
 *
 * <p>May import: the Jetty WebSocket client, Jackson, the PostgreSQL driver. No product class: the
 * suite speaks only the protocol, so it runs against FastSchema itself as well.
 */
package io.fastschema.realtime.compat;
