-- The same tables as schema.sql, the way FastSchema v0.10 (ent v0.14.4 + Atlas v0.36) creates them
-- on MariaDB >= 10.7 through DB_DRIVER=mysql. Where each type comes from:
--  * every table CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci: FastSchema's table annotation
--    (pkg/entdbadapter/adapter.go:378-381, CreateModel);
--  * string -> varchar(255) (ent's default size), text -> longtext (FastSchema sets size
--    2147483647, pkg/entdbadapter/common.go:85-87; ent maps sizes above 16777215 to longtext);
--  * time -> datetime, no fractional seconds (FastSchema's SchemaType override for mysql,
--    pkg/entdbadapter/common.go:109-111, instead of ent's timestamp);
--  * bool -> bool (tinyint(1)); int/int64 -> bigint; uint64 -> bigint unsigned; json -> json
--    (MariaDB: longtext with a json_valid CHECK); enum -> enum('...') in schema order;
--  * uuid -> native uuid (ent's MySQL dialect on MariaDB >= 10.7; char(36) on MySQL);
--  * integer primary key declared without a db block -> AUTO_INCREMENT;
--  * FKs and junction tables as in schema.sql (spec 4.5).
-- Run as the application user on an empty database; statements are separated by ";\n".

CREATE TABLE `roles` (
  `id` uuid NOT NULL,
  `name` varchar(255) NOT NULL,
  `description` varchar(255) NULL,
  `root` bool NULL,
  `system` bool NULL,
  `rule` varchar(255) NULL,
  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` datetime NULL,
  `deleted_at` datetime NULL,
  PRIMARY KEY (`id`)
) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `users` (
  `id` uuid NOT NULL,
  `username` varchar(255) NULL,
  `email` varchar(255) NULL,
  `first_name` varchar(255) NULL,
  `last_name` varchar(255) NULL,
  `bio` varchar(255) NULL,
  `password` varchar(255) NULL,
  `active` bool NULL,
  `provider` varchar(255) NULL,
  `provider_id` varchar(255) NULL,
  `provider_username` varchar(255) NULL,
  `provider_profile_image` varchar(255) NULL,
  `avatar_id` uuid NULL,
  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` datetime NULL,
  `deleted_at` datetime NULL,
  PRIMARY KEY (`id`),
  UNIQUE INDEX `idx_user_provider_provider_id` (`provider`, `provider_id`),
  UNIQUE INDEX `idx_user_username` (`username`),
  UNIQUE INDEX `idx_user_email` (`email`)
) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `files` (
  `id` uuid NOT NULL,
  `disk` varchar(255) NOT NULL,
  `name` varchar(255) NOT NULL,
  `path` varchar(255) NOT NULL,
  `type` varchar(255) NOT NULL,
  `size` bigint unsigned NOT NULL,
  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `owner_id` uuid NOT NULL,
  `updated_at` datetime NULL,
  `deleted_at` datetime NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `file_owner_id` FOREIGN KEY (`owner_id`) REFERENCES `users` (`id`)
    ON UPDATE NO ACTION ON DELETE NO ACTION
) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci;

ALTER TABLE `users` ADD CONSTRAINT `user_avatar_id` FOREIGN KEY (`avatar_id`) REFERENCES `files` (`id`)
  ON UPDATE NO ACTION ON DELETE SET NULL;

CREATE TABLE `permissions` (
  `id` uuid NOT NULL,
  `resource` varchar(255) NOT NULL,
  `value` varchar(255) NOT NULL,
  `modifier` json NULL,
  `role_id` uuid NOT NULL,
  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` datetime NULL,
  `deleted_at` datetime NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `permission_role_id` FOREIGN KEY (`role_id`) REFERENCES `roles` (`id`)
    ON UPDATE NO ACTION ON DELETE NO ACTION
) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `roles_users` (
  `roles` uuid NOT NULL,
  `users` uuid NOT NULL,
  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` datetime NULL,
  `deleted_at` datetime NULL,
  UNIQUE INDEX `unique_roles_users` (`roles`, `users`),
  CONSTRAINT `roles_users_roles` FOREIGN KEY (`roles`) REFERENCES `roles` (`id`)
    ON UPDATE CASCADE ON DELETE CASCADE,
  CONSTRAINT `roles_users_users` FOREIGN KEY (`users`) REFERENCES `users` (`id`)
    ON UPDATE CASCADE ON DELETE CASCADE
) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `sessions` (
  `id` uuid NOT NULL,
  `user_id` uuid NOT NULL,
  `device_info` varchar(512) NULL,
  `ip_address` varchar(255) NULL,
  `last_activity_at` datetime NULL,
  `status` varchar(20) NULL,
  `expires_at` datetime NOT NULL,
  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `deleted_at` datetime NULL,
  `type` varchar(20) NULL,
  `otp_hash` varchar(255) NULL,
  `otp_attempts` bigint NULL,
  `updated_at` datetime NULL,
  PRIMARY KEY (`id`),
  INDEX `idx_session_user_id` (`user_id`),
  INDEX `idx_session_expires_at` (`expires_at`),
  INDEX `idx_session_status` (`status`),
  INDEX `idx_session_user_status` (`user_id`, `status`),
  INDEX `idx_session_type` (`type`),
  INDEX `idx_session_type_status` (`type`, `status`)
) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `migrations` (
  `id` uuid NOT NULL,
  `version` varchar(255) NOT NULL,
  `name` varchar(255) NULL,
  `applied_at` datetime NOT NULL,
  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` datetime NULL,
  `deleted_at` datetime NULL,
  PRIMARY KEY (`id`),
  UNIQUE INDEX `version` (`version`)
) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `categories` (
  `id` uuid NOT NULL,
  `name` varchar(255) NOT NULL,
  `slug` varchar(255) NOT NULL,
  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` datetime NULL,
  `deleted_at` datetime NULL,
  PRIMARY KEY (`id`),
  UNIQUE INDEX `slug` (`slug`)
) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `tags` (
  `id` uuid NOT NULL,
  `name` varchar(255) NOT NULL,
  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` datetime NULL,
  `deleted_at` datetime NULL,
  PRIMARY KEY (`id`)
) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `blogs` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `title` varchar(255) NOT NULL,
  `body` longtext NULL,
  `views` bigint NOT NULL DEFAULT 0,
  `published` bool NOT NULL DEFAULT false,
  `published_at` datetime NULL,
  `meta` json NULL,
  `status` enum('draft','published','archived') NOT NULL DEFAULT 'draft',
  `external_ref` uuid NULL,
  `category_id` uuid NULL,
  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` datetime NULL,
  `deleted_at` datetime NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `blog_category_id` FOREIGN KEY (`category_id`) REFERENCES `categories` (`id`)
    ON UPDATE NO ACTION ON DELETE SET NULL
) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `blogs_tags` (
  `blogs` bigint unsigned NOT NULL,
  `tags` uuid NOT NULL,
  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` datetime NULL,
  `deleted_at` datetime NULL,
  UNIQUE INDEX `unique_blogs_tags` (`blogs`, `tags`),
  CONSTRAINT `blogs_tags_blogs` FOREIGN KEY (`blogs`) REFERENCES `blogs` (`id`)
    ON UPDATE CASCADE ON DELETE CASCADE,
  CONSTRAINT `blogs_tags_tags` FOREIGN KEY (`tags`) REFERENCES `tags` (`id`)
    ON UPDATE CASCADE ON DELETE CASCADE
) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
