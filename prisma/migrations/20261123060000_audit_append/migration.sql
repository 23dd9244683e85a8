-- Hand-written: one audit append in one statement (packages/db/src/audit-repository.ts).
--
-- The caller computes the row's canonical JSON (`body`, auditHashBody() in
-- packages/core/src/audit-chain.ts); this function takes the chain lock, reads the last hash and
-- stores the row with hash = sha256(prev_hash || '\n' || body), exactly what auditHash() computes.
-- The lock is held until the caller's transaction ends. Callers run it inside a transaction and
-- COMMIT themselves: an autocommitted call still commits when its client has died while it waited.
--
-- VOLATILE (the default) matters: in READ COMMITTED each statement of a volatile function takes a
-- fresh snapshot, so the last-hash read below sees every append committed before the lock was
-- granted. Under REPEATABLE READ or SERIALIZABLE the read would use the transaction's first
-- snapshot and could fork the chain, hence the refusal.
CREATE FUNCTION "audit_append"(
    "p_occurred_at" TIMESTAMPTZ,
    "p_action" TEXT,
    "p_outcome" "audit_outcome",
    "p_actor_id" UUID,
    "p_actor_username" TEXT,
    "p_target_user_id" UUID,
    "p_ip" TEXT,
    "p_user_agent" TEXT,
    "p_request_id" TEXT,
    "p_account_id" UUID,
    "p_role_id" UUID,
    "p_correlation_id" UUID,
    "p_details" JSONB,
    "p_body" TEXT
) RETURNS TABLE ("event_id" BIGINT, "event_hash" TEXT) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    prev TEXT;
    next_hash TEXT;
    new_id BIGINT;
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'audit_append needs READ COMMITTED (running under %)',
            current_setting('transaction_isolation');
    END IF;
    -- The same key as AUDIT_CHAIN_LOCK in audit-repository.ts.
    PERFORM pg_advisory_xact_lock(4242001);
    SELECT e."hash" INTO prev FROM "audit_events" e ORDER BY e."id" DESC LIMIT 1;
    prev := coalesce(prev, repeat('0', 64));
    next_hash := encode(sha256(convert_to(prev || E'\n' || p_body, 'UTF8')), 'hex');
    INSERT INTO "audit_events" (
        "occurred_at", "action", "outcome", "actor_id", "actor_username", "target_user_id", "ip",
        "user_agent", "request_id", "account_id", "role_id", "correlation_id", "details",
        "prev_hash", "hash"
    ) VALUES (
        p_occurred_at, p_action, p_outcome, p_actor_id, p_actor_username, p_target_user_id, p_ip,
        p_user_agent, p_request_id, p_account_id, p_role_id, p_correlation_id, p_details,
        prev, next_hash
    ) RETURNING "audit_events"."id" INTO new_id;
    RETURN QUERY SELECT new_id, next_hash;
END;
$$;
