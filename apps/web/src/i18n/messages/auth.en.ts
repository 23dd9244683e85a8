/** Setup, enrolment links, sign-in, authenticator enrolment and recovery codes. */
export const auth = {
  'signIn.title': 'Sign in',
  'signIn.description': 'Sign in to Gatehouse to reach your AWS accounts.',
  'signIn.username': 'Username',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.invalid': 'Incorrect username or password.',
  'signIn.linkRequired':
    'Your authenticator was reset. Ask one of your Gatehouse administrators for an enrolment link: with it you choose a new password and set up a new authenticator.',
  'signIn.help': 'Forgot your password or lost your authenticator? Ask one of your Gatehouse administrators.',
  'signIn.codeTitle': 'Enter your authenticator code',
  'signIn.codeDescription': 'Open your authenticator app and enter the 6-digit code shown for Gatehouse.',
  'signIn.recoveryTitle': 'Use a recovery code',
  'signIn.recoveryDescription':
    'Enter one of the recovery codes you saved when you set up your authenticator.',
  'signIn.code': 'Authenticator code',
  'signIn.codeHint': '6 digits; spaces are ignored.',
  'signIn.codeInvalid': 'That code is incorrect or was already used. Wait for the next code and try again.',
  'signIn.recoveryCode': 'Recovery code',
  'signIn.recoveryHint': 'Each recovery code works once.',
  'signIn.recoveryInvalid': 'That recovery code is incorrect or was already used.',
  'signIn.verify': 'Verify',
  'signIn.useRecovery': 'Use a recovery code instead',
  'signIn.useTotp': 'Use my authenticator app instead',
  'signIn.startOver': 'Sign in as someone else',
  'signIn.expired': 'That sign-in took too long. Start again with your username and password.',
  'signIn.recoveryUsed.one':
    'You signed in with a recovery code. {count} code is left; generate new ones in your profile if you are running out.',
  'signIn.recoveryUsed.other':
    'You signed in with a recovery code. {count} codes are left; generate new ones in your profile if you are running out.',
  'setup.title': 'Set up Gatehouse',
  'setup.description': 'Create the first administrator. Next you will set up an authenticator app.',
  'setup.submit': 'Create administrator',
  'setup.alreadyDone': 'Gatehouse is already set up. Sign in with your account.',
  'setup.goToSignIn': 'Go to sign-in',
  'setup.noTokenHeader': 'Setup link needed',
  'setup.noToken':
    'Open the one-time setup link that Gatehouse printed when it started (it ends in #token=…). Restart Gatehouse to print a new one if it has expired.',
  'setup.linkInvalid':
    'This setup link is invalid, expired or already used. Restart Gatehouse to print a new one (it is valid for 1 hour).',
  'enrolLink.title': 'Choose your password',
  'enrolLink.description':
    'An administrator created a Gatehouse account for you. Choose a password to continue.',
  'enrolLink.submit': 'Set password',
  'enrolLink.noTokenHeader': 'Enrolment link needed',
  'enrolLink.noToken':
    'Open the complete link your administrator sent you (it ends in #token=…). If you do not have it, ask them for a new one.',
  'enrolLink.linkInvalid':
    'This link is invalid, expired or already used. Ask your Gatehouse administrator for a new enrolment link.',
  'password.label': 'Password',
  'password.new': 'New password',
  'password.confirm': 'Confirm password',
  'password.rules':
    'At least {n} characters. Long passphrases are welcome; common or leaked passwords are refused.',
  'password.mismatch': 'The passwords do not match.',
  'user.username': 'Username',
  'user.usernameHint': 'Used to sign in. Letters, digits and . _ - are safest.',
  'user.displayName': 'Display name',
  'user.email': 'Email',
  'enrol.title': 'Set up your authenticator',
  'enrol.description':
    'Gatehouse asks for a code from an authenticator app (such as Google Authenticator, Microsoft Authenticator or 1Password) every time you sign in.',
  'enrol.step1': '1. Add Gatehouse to your authenticator app',
  'enrol.scan': 'Scan this QR code with the app.',
  'enrol.qrAlt': 'QR code to add Gatehouse to an authenticator app',
  'enrol.manual': 'Cannot scan it? Enter this key in the app instead (time-based, 6 digits):',
  'enrol.secretLabel': 'Setup key',
  'enrol.copySecret': 'Copy setup key',
  'enrol.step2': '2. Enter the code the app shows',
  'enrol.confirm': 'Confirm',
  'enrol.codeInvalid':
    'That code does not match. Check that the time on your phone is set automatically and try again.',
  'enrol.codesTitle': 'Save your recovery codes',
  'enrol.codesDescription':
    'Your authenticator is set up. If you lose it, a recovery code lets you sign in once.',
  'enrol.continue': 'Continue to Gatehouse',
  'recovery.onceHeader': 'These codes are shown only once',
  'recovery.onceBody.one':
    'Store the code somewhere safe, such as a password manager. It works once, instead of an authenticator code.',
  'recovery.onceBody.other':
    'Store the {count} codes somewhere safe, such as a password manager. Each works once, instead of an authenticator code.',
  'recovery.listLabel': 'Recovery codes',
  'recovery.copy': 'Copy codes',
  'recovery.copied': 'Recovery codes copied',
  'recovery.download': 'Download',
  'recovery.savedCheck': 'I have saved these recovery codes',
  'recovery.fileHeader': 'Gatehouse recovery codes for {user} (created {date})',
  'recovery.fileFooter':
    'Each code can be used once instead of an authenticator code. Keep this file private.',
  'reauth.password': 'Current password',
  'reauth.code': 'Authenticator code',
  'reauth.passwordWrong': 'Incorrect password.',
  'reauth.codeWrong': 'Incorrect code. Check your authenticator app and try again.',
  'reauth.codeUsed': 'That code was already used. Wait for the next one.',
} as const;
