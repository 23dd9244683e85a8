/** Who makes a request and from where: what every audit row records besides the change itself. */

export interface RequestContext {
  ip: string;
  userAgent: string;
  requestId: string;
}

/** The person (or operating-system user, for operator commands) an audited change is made by. */
export interface Actor {
  id: string | null;
  username: string;
}

/** An administrator's call: every admin change is audited with both. */
export interface AdminCall {
  actor: Actor;
  ctx: RequestContext;
}
