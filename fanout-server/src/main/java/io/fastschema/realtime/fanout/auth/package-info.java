/**
 * Who is connecting: the token part of the WebSocket handshake, compatible with FastSchema.
 *
 * <p>{@link io.fastschema.realtime.fanout.auth.TokenExtractor} picks the token out of the handshake
 * in FastSchema's precedence, {@link io.fastschema.realtime.fanout.auth.TokenVerifier} checks it
 * against the {@code APP_KEY} and turns its {@code user} claim into an {@link
 * io.fastschema.realtime.fanout.auth.AuthenticatedUser}, and every refusal is an {@link
 * io.fastschema.realtime.fanout.auth.AuthenticationException} naming its reason. The package takes
 * headers as plain strings, so it knows nothing of Jetty.
 *
 * <p>Where this deliberately differs from FastSchema (spec section 2): only HMAC algorithms, a
 * token without {@code exp} is refused, a token whose {@code user} has no id is refused instead of
 * crashing the handshake, and an {@code APP_KEY} shorter than 32 bytes stops start-up.
 */
package io.fastschema.realtime.fanout.auth;
