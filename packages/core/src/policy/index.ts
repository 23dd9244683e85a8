/**
 * The policy domain's public surface: reading, evaluating and linting IAM policies, the trust
 * policy Gatehouse needs, and session revocation. Helpers shared inside the domain stay out.
 */
export {
  createLineIndex,
  formatJsonPath,
  locateJsonPath,
  nodeAtJsonPath,
  toPlainValue,
} from './json-document';
export type {
  DuplicateKey,
  JsonArrayNode,
  JsonEntry,
  JsonNode,
  JsonObjectNode,
  JsonPath,
  JsonScalarNode,
  JsonSyntaxCode,
  JsonSyntaxError,
  ParsedJson,
  TextEdit,
  TextPosition,
  TextRange,
} from './json-document';
export * from './parse-policy-json';
export { CURRENT_POLICY_VERSION, LEGACY_POLICY_VERSION } from './model';
export type {
  ConditionClause,
  ContextValue,
  EvaluationRequest,
  IssueSeverity,
  OperatorFamily,
  Policy,
  PolicyIssue,
  PolicyKind,
  PolicyStatement,
  PrincipalSet,
  RequestPrincipal,
} from './model';
export * from './parse-condition-operator';
export * from './read-policy';
export { parsePolicyDate, principalMatches } from './match';
export * from './evaluate-policy';
export * from './check-broker-trust';
export * from './lint-policy';
export * from './generate-trust-policy';
export * from './merge-revocation-policy';
export * from './revocation-document';
