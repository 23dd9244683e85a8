-- Hand-written: change notifications for the server's in-memory caches (apps/server/src/caches.ts).
-- Every Gatehouse process LISTENs on "gatehouse_changes" (packages/db/src/change-feed.ts) and
-- drops what a committed change makes stale: the session a row describes, every session of a
-- user whose row changed, one user's `my access` answer, or every `my access` answer.
-- NOTIFY is transactional: a listener hears of a change only once it is committed.

-- A session row changed or went away (logout, rotation, step-up, expiry, "sign out everywhere").
CREATE FUNCTION "gatehouse_notify_session"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gatehouse_changes', 'session:' || OLD."id");
    RETURN NULL;
END;
$$;

CREATE TRIGGER "sessions_notify_change"
    AFTER UPDATE OR DELETE ON "sessions"
    FOR EACH ROW EXECUTE FUNCTION "gatehouse_notify_session"();

-- A user row changed or went away (disabled, admin flag, MFA reset, password change, lockout).
CREATE FUNCTION "gatehouse_notify_user"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gatehouse_changes', 'user:' || OLD."id"::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER "users_notify_change"
    AFTER UPDATE OR DELETE ON "users"
    FOR EACH ROW EXECUTE FUNCTION "gatehouse_notify_user"();

-- One user's favourites changed: only their answer is stale.
CREATE FUNCTION "gatehouse_notify_favourite"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('gatehouse_changes', 'favourite:' || OLD."user_id"::text);
    ELSE
        PERFORM pg_notify('gatehouse_changes', 'favourite:' || NEW."user_id"::text);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "favourites_notify_change"
    AFTER INSERT OR UPDATE OR DELETE ON "favourites"
    FOR EACH ROW EXECUTE FUNCTION "gatehouse_notify_favourite"();

-- Anything else `my access` reads: every answer is stale. Once per statement; PostgreSQL folds
-- identical notifications of one transaction into one.
CREATE FUNCTION "gatehouse_notify_access"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gatehouse_changes', 'access');
    RETURN NULL;
END;
$$;

CREATE TRIGGER "grants_notify_access"
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "grants"
    FOR EACH STATEMENT EXECUTE FUNCTION "gatehouse_notify_access"();
CREATE TRIGGER "roles_notify_access"
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "roles"
    FOR EACH STATEMENT EXECUTE FUNCTION "gatehouse_notify_access"();
CREATE TRIGGER "aws_accounts_notify_access"
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "aws_accounts"
    FOR EACH STATEMENT EXECUTE FUNCTION "gatehouse_notify_access"();
CREATE TRIGGER "groups_notify_access"
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "groups"
    FOR EACH STATEMENT EXECUTE FUNCTION "gatehouse_notify_access"();
CREATE TRIGGER "group_memberships_notify_access"
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "group_memberships"
    FOR EACH STATEMENT EXECUTE FUNCTION "gatehouse_notify_access"();
CREATE TRIGGER "role_health_notify_access"
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "role_health"
    FOR EACH STATEMENT EXECUTE FUNCTION "gatehouse_notify_access"();
