-- Tables FastSchema v0.10 creates on PostgreSQL for its system schemas (fs/*.go) and for the sample
-- schemas in schemas/*.json, written the way ent + Atlas generate them. Layout rules (spec 4.3–4.6):
--  * columns in field declaration order; relation fields have no column; an o2m non-owner relation
--    adds <field>_<target pk> just before created_at unless the struct declares it elsewhere;
--  * created_at / updated_at / deleted_at are appended unless declared (then they stay in place);
--  * string/enum -> character varying (no length), text -> text, int/int64/uint64 -> bigint,
--    bool -> boolean, time -> timestamptz, json -> jsonb, uuid -> uuid;
--  * FK constraint <schema name>_<column>, ON DELETE SET NULL when optional else NO ACTION;
--  * m2m junction: no primary key, unique index unique_<a>_<b>, both FKs ON DELETE/UPDATE CASCADE.
--    FastSchema orders the two junction columns by Go map iteration (i.e. randomly); we sort them.
-- Run as the application role, in one transaction, on an empty database.

CREATE TABLE "roles" (
  "id" uuid NOT NULL,
  "name" character varying NOT NULL,
  "description" character varying NULL,
  "root" boolean NULL,
  "system" boolean NULL,
  "rule" character varying NULL,
  "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" timestamptz NULL,
  "deleted_at" timestamptz NULL,
  PRIMARY KEY ("id")
);

CREATE TABLE "users" (
  "id" uuid NOT NULL,
  "username" character varying NULL,
  "email" character varying NULL,
  "first_name" character varying NULL,
  "last_name" character varying NULL,
  "bio" character varying NULL,
  "password" character varying NULL,
  "active" boolean NULL,
  "provider" character varying NULL,
  "provider_id" character varying NULL,
  "provider_username" character varying NULL,
  "provider_profile_image" character varying NULL,
  "avatar_id" uuid NULL,
  "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" timestamptz NULL,
  "deleted_at" timestamptz NULL,
  PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "idx_user_provider_provider_id" ON "users" ("provider", "provider_id");
CREATE UNIQUE INDEX "idx_user_username" ON "users" ("username");
CREATE UNIQUE INDEX "idx_user_email" ON "users" ("email");

CREATE TABLE "files" (
  "id" uuid NOT NULL,
  "disk" character varying NOT NULL,
  "name" character varying NOT NULL,
  "path" character varying NOT NULL,
  "type" character varying NOT NULL,
  "size" bigint NOT NULL,
  "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "owner_id" uuid NOT NULL,
  "updated_at" timestamptz NULL,
  "deleted_at" timestamptz NULL,
  PRIMARY KEY ("id"),
  CONSTRAINT "file_owner_id" FOREIGN KEY ("owner_id") REFERENCES "users" ("id")
    ON UPDATE NO ACTION ON DELETE NO ACTION
);
-- users <-> files reference each other: the second FK can only exist once both tables do.
ALTER TABLE "users" ADD CONSTRAINT "user_avatar_id" FOREIGN KEY ("avatar_id") REFERENCES "files" ("id")
  ON UPDATE NO ACTION ON DELETE SET NULL;

-- Permission.RoleID is a uuid.UUID without an fs type tag: FastSchema's reflection does not map the
-- named type, so the field is skipped and role_id is added as an FK column before created_at.
CREATE TABLE "permissions" (
  "id" uuid NOT NULL,
  "resource" character varying NOT NULL,
  "value" character varying NOT NULL,
  "modifier" jsonb NULL,
  "role_id" uuid NOT NULL,
  "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" timestamptz NULL,
  "deleted_at" timestamptz NULL,
  PRIMARY KEY ("id"),
  CONSTRAINT "permission_role_id" FOREIGN KEY ("role_id") REFERENCES "roles" ("id")
    ON UPDATE NO ACTION ON DELETE NO ACTION
);

CREATE TABLE "roles_users" (
  "roles" uuid NOT NULL,
  "users" uuid NOT NULL,
  "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" timestamptz NULL,
  "deleted_at" timestamptz NULL,
  CONSTRAINT "roles_users_roles" FOREIGN KEY ("roles") REFERENCES "roles" ("id")
    ON UPDATE CASCADE ON DELETE CASCADE,
  CONSTRAINT "roles_users_users" FOREIGN KEY ("users") REFERENCES "users" ("id")
    ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE UNIQUE INDEX "unique_roles_users" ON "roles_users" ("roles", "users");

CREATE TABLE "sessions" (
  "id" uuid NOT NULL,
  "user_id" uuid NOT NULL,
  "device_info" character varying NULL,
  "ip_address" character varying NULL,
  "last_activity_at" timestamptz NULL,
  "status" character varying NULL,
  "expires_at" timestamptz NOT NULL,
  "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "deleted_at" timestamptz NULL,
  "type" character varying NULL,
  "otp_hash" character varying NULL,
  "otp_attempts" bigint NULL,
  "updated_at" timestamptz NULL,
  PRIMARY KEY ("id")
);
CREATE INDEX "idx_session_user_id" ON "sessions" ("user_id");
CREATE INDEX "idx_session_expires_at" ON "sessions" ("expires_at");
CREATE INDEX "idx_session_status" ON "sessions" ("status");
CREATE INDEX "idx_session_user_status" ON "sessions" ("user_id", "status");
CREATE INDEX "idx_session_type" ON "sessions" ("type");
CREATE INDEX "idx_session_type_status" ON "sessions" ("type", "status");

CREATE TABLE "migrations" (
  "id" uuid NOT NULL,
  "version" character varying NOT NULL,
  "name" character varying NULL,
  "applied_at" timestamptz NOT NULL,
  "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" timestamptz NULL,
  "deleted_at" timestamptz NULL,
  PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "migrations_version_key" ON "migrations" ("version");

CREATE TABLE "categories" (
  "id" uuid NOT NULL,
  "name" character varying NOT NULL,
  "slug" character varying NOT NULL,
  "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" timestamptz NULL,
  "deleted_at" timestamptz NULL,
  PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "categories_slug_key" ON "categories" ("slug");

CREATE TABLE "tags" (
  "id" uuid NOT NULL,
  "name" character varying NOT NULL,
  "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" timestamptz NULL,
  "deleted_at" timestamptz NULL,
  PRIMARY KEY ("id")
);

CREATE TABLE "blogs" (
  "id" bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY,
  "title" character varying NOT NULL,
  "body" text NULL,
  "views" bigint NOT NULL DEFAULT 0,
  "published" boolean NOT NULL DEFAULT false,
  "published_at" timestamptz NULL,
  "meta" jsonb NULL,
  "status" character varying NOT NULL DEFAULT 'draft',
  "external_ref" uuid NULL,
  "category_id" uuid NULL,
  "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" timestamptz NULL,
  "deleted_at" timestamptz NULL,
  PRIMARY KEY ("id"),
  CONSTRAINT "blog_category_id" FOREIGN KEY ("category_id") REFERENCES "categories" ("id")
    ON UPDATE NO ACTION ON DELETE SET NULL
);

CREATE TABLE "blogs_tags" (
  "blogs" bigint NOT NULL,
  "tags" uuid NOT NULL,
  "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" timestamptz NULL,
  "deleted_at" timestamptz NULL,
  CONSTRAINT "blogs_tags_blogs" FOREIGN KEY ("blogs") REFERENCES "blogs" ("id")
    ON UPDATE CASCADE ON DELETE CASCADE,
  CONSTRAINT "blogs_tags_tags" FOREIGN KEY ("tags") REFERENCES "tags" ("id")
    ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE UNIQUE INDEX "unique_blogs_tags" ON "blogs_tags" ("blogs", "tags");
