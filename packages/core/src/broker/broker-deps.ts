import type { AuditLog, Clock } from '../shared/ports';
import type { BrokerIdentityProvider } from './broker-identity';
import type { AccessRepository, FederationPort, StsPort } from './ports';

export interface BrokerSettings {
  /** The portal's public URL: the Issuer of console sign-ins. */
  issuer: string;
  /** GATEHOUSE_FEDERATION_URL: replaces the partition's federation endpoint when set. */
  federationUrlOverride: string | null;
  /** How long an issuance may stay `pending` before the reconciler calls it abandoned. */
  pendingTimeoutMs: number;
}

export interface BrokerDeps {
  access: AccessRepository;
  sts: Pick<StsPort, 'assumeRole'>;
  federation: FederationPort;
  audit: AuditLog;
  identity: BrokerIdentityProvider;
  keys: { accessKeyId: Buffer };
  settings: BrokerSettings;
  /** Appends an `abandoned` row for each `pending` issuance older than the cut-off that has no outcome; returns how many. */
  abandonStalePending: (olderThan: Date) => Promise<number>;
  now: Clock;
}
