package io.fastschema.realtime.model;

import static io.fastschema.realtime.model.FieldType.BOOL;
import static io.fastschema.realtime.model.FieldType.FILE;
import static io.fastschema.realtime.model.FieldType.INT;
import static io.fastschema.realtime.model.FieldType.JSON;
import static io.fastschema.realtime.model.FieldType.RELATION;
import static io.fastschema.realtime.model.FieldType.STRING;
import static io.fastschema.realtime.model.FieldType.TIME;
import static io.fastschema.realtime.model.FieldType.UINT64;
import static io.fastschema.realtime.model.FieldType.UUID;
import static io.fastschema.realtime.model.RelationType.M2M;
import static io.fastschema.realtime.model.RelationType.O2M;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FastSchema v0.10's built-in schemas, re-declared from the Go structs in {@code fs/role.go},
 * {@code fs/permission.go}, {@code fs/user.go}, {@code fs/fs.go} ({@code File}), {@code
 * fs/session.go} and {@code fs/migration.go} (FastSchema commit 8133499).
 *
 * <p>Field order is struct order, which is column order. Struct fields FastSchema skips are left
 * out on purpose: {@code json:"-"}/{@code fs:"-"} fields ({@code file.url}, {@code rule_program})
 * and fields whose Go type has no FastSchema type and no {@code fs:"type=…"} tag. The latter
 * include {@code Permission.RoleID} ({@code uuid.UUID} is a named type, not {@code [16]byte}), so
 * {@code permissions.role_id} is created as a foreign key before {@code created_at}, not in its
 * struct position; and {@code User.RoleIDs}, which has no column.
 *
 * <p>Thread-safety: stateless; every call returns fresh drafts.
 */
final class SystemSchemas {

  static final List<String> NAMES =
      List.of("role", "permission", "user", "file", "session", "migration");

  /**
   * Columns FastSchema stores but never shows, by schema: {@code User.Password} (its {@code
   * fs.getter} answers {@code $undefined} unless the login handler asked to keep it) and {@code
   * Session.OTPHash} (a hash of a one-time login code: a subscriber who sees it can test guesses
   * offline). Nothing else in {@code fs/*.go} holds a secret: a session's {@code id} is only usable
   * inside a refresh token signed with {@code APP_KEY}.
   */
  private static final Map<String, Set<String>> NEVER_SHOWN =
      Map.of("user", Set.of("password"), "session", Set.of("otp_hash"));

  private SystemSchemas() {}

  /** True for a column that must never leave the database: see {@link #NEVER_SHOWN}. */
  static boolean neverShown(String schema, String column) {
    return NEVER_SHOWN.getOrDefault(schema, Set.of()).contains(column);
  }

  /** Fresh drafts, in FastSchema's {@code fs.SystemSchemaTypes} order. */
  static List<SchemaDraft> drafts() {
    return List.of(role(), permission(), user(), file(), session(), migration());
  }

  private static SchemaDraft role() {
    SchemaDraft s = draft("role", "roles");
    s.add(f(s, "id", UUID))
        .add(f(s, "name", STRING))
        .add(opt(s, "description", STRING))
        .add(opt(s, "root", BOOL))
        .add(opt(s, "system", BOOL))
        .add(rel(s, "users", RelationSpec.of(M2M, "user", "roles", true)))
        .add(rel(s, "permissions", RelationSpec.of(O2M, "permission", "role", true)))
        .add(opt(s, "rule", STRING));
    return withDeclaredTimestamps(s);
  }

  private static SchemaDraft permission() {
    SchemaDraft s = draft("permission", "permissions");
    s.add(f(s, "id", UUID))
        .add(f(s, "resource", STRING))
        .add(f(s, "value", STRING))
        .add(opt(s, "modifier", JSON))
        .add(
            rel(
                s,
                "role",
                new RelationSpec(O2M, "role", "permissions", false, "role_id", null, null)));
    return withDeclaredTimestamps(s);
  }

  private static SchemaDraft user() {
    SchemaDraft s = draft("user", "users");
    s.add(f(s, "id", UUID));
    for (String name : List.of("username", "email", "first_name", "last_name", "bio", "password")) {
      s.add(opt(s, name, STRING));
    }
    s.add(opt(s, "active", BOOL));
    for (String name :
        List.of("provider", "provider_id", "provider_username", "provider_profile_image")) {
      s.add(opt(s, name, STRING));
    }
    s.add(opt(s, "avatar_id", UUID))
        .add(
            new FieldDraft(s.origin(), "avatar", FILE)
                .setOptional(true)
                .setRelationSpec(
                    new RelationSpec(O2M, "file", "users", false, "avatar_id", null, null)))
        .add(rel(s, "roles", RelationSpec.of(M2M, "role", "users", false)))
        .add(rel(s, "files", RelationSpec.of(O2M, "file", "owner", true)));
    return withDeclaredTimestamps(s);
  }

  private static SchemaDraft file() {
    SchemaDraft s = draft("file", "files");
    s.add(f(s, "id", UUID))
        .add(f(s, "disk", STRING))
        .add(f(s, "name", STRING))
        .add(f(s, "path", STRING))
        .add(f(s, "type", STRING))
        .add(f(s, "size", UINT64))
        .add(f(s, "created_at", TIME))
        .add(f(s, "owner_id", UUID))
        .add(rel(s, "owner", new RelationSpec(O2M, "user", "files", false, "owner_id", null, null)))
        .add(rel(s, "users", RelationSpec.of(O2M, "user", "avatar", true)))
        .add(f(s, "updated_at", TIME))
        .add(f(s, "deleted_at", TIME));
    return s;
  }

  private static SchemaDraft session() {
    SchemaDraft s = draft("session", "sessions");
    // No updated_at in the struct: FastSchema appends it after otp_attempts.
    s.add(f(s, "id", UUID))
        .add(f(s, "user_id", UUID))
        .add(opt(s, "device_info", STRING))
        .add(opt(s, "ip_address", STRING))
        .add(opt(s, "last_activity_at", TIME))
        .add(opt(s, "status", STRING))
        .add(f(s, "expires_at", TIME))
        .add(f(s, "created_at", TIME))
        .add(f(s, "deleted_at", TIME))
        .add(opt(s, "type", STRING))
        .add(opt(s, "otp_hash", STRING))
        .add(opt(s, "otp_attempts", INT));
    return s;
  }

  private static SchemaDraft migration() {
    SchemaDraft s = draft("migration", "migrations");
    // Go type is uint64, but the fs:"type=uuid" tag wins.
    s.add(f(s, "id", UUID))
        .add(f(s, "version", STRING).setUnique(true))
        .add(opt(s, "name", STRING))
        .add(f(s, "applied_at", TIME));
    return s;
  }

  private static SchemaDraft draft(String name, String table) {
    return new SchemaDraft("system schema '" + name + "'", name, table, true);
  }

  private static SchemaDraft withDeclaredTimestamps(SchemaDraft s) {
    return s.add(f(s, SchemaDraft.CREATED_AT, TIME))
        .add(f(s, SchemaDraft.UPDATED_AT, TIME))
        .add(f(s, SchemaDraft.DELETED_AT, TIME));
  }

  private static FieldDraft f(SchemaDraft s, String name, FieldType type) {
    return new FieldDraft(s.origin(), name, type);
  }

  private static FieldDraft opt(SchemaDraft s, String name, FieldType type) {
    return f(s, name, type).setOptional(true);
  }

  private static FieldDraft rel(SchemaDraft s, String name, RelationSpec relation) {
    return f(s, name, RELATION).setRelationSpec(relation);
  }
}
