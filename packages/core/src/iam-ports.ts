// Until the policy domain moves into policy/: its files import this from the old place.
export * from './onboarding/ports';
