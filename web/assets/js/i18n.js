// The pages' words in English and French. The language is the one chosen with the switch (kept in localStorage: a
// preference, not a secret), else the browser's first (fr… → French), else English. API messages come in the same
// language: every call sends it as Accept-Language.

const words = {
  en: {
    'field.login': 'Username or email',
    'field.password': 'Password',
    'field.portal': 'Application',
    'field.code': 'Code',
    'field.recoveryCode': 'Recovery code',
    'field.newPassword': 'New password',
    'field.confirmPassword': 'New password again',
    'portal.employee': 'Employee Portal',
    'portal.management': 'Management Portal',
    'portal.client': 'Client Portal',
    'signIn.heading': 'Sign in',
    'signIn.submit': 'Sign in',
    'signIn.forgot': 'Forgot your password?',
    'signIn.changePassword': 'Change your password',
    'twoFactor.heading': 'Confirm it is you',
    'twoFactor.hint.totp': 'Enter the six-digit code of your authenticator app, or have a code sent.',
    'twoFactor.hint.send': 'Have a code sent, then enter its six digits.',
    'twoFactor.hint.recovery': 'Enter one of the recovery codes you kept. Each works once.',
    'twoFactor.submit': 'Verify',
    'twoFactor.send.sms': 'Send a code by text message',
    'twoFactor.send.voice': 'Call me with a code',
    'twoFactor.send.email': 'Send a code by email',
    'twoFactor.sent.sms': 'A new code is on its way by text message.',
    'twoFactor.sent.voice': 'You will get a call with a new code.',
    'twoFactor.sent.email': 'A new code is on its way by email.',
    'twoFactor.sendGroup': 'Get a new code',
    'twoFactor.latestOnly': 'Only the latest code sent works; codes last 10 minutes.',
    'twoFactor.useRecovery': 'Use a recovery code instead',
    'twoFactor.useCode': 'Use a code instead',
    'change.heading': 'Choose a new password',
    'change.submit': 'Save the new password',
    'change.reason.temporary': 'You signed in with a temporary password: choose your own to continue.',
    'change.reason.expired': 'Your password has expired: choose a new one to continue.',
    'change.done': 'Your password is changed.',
    'changePage.heading': 'Change your password',
    'changePage.intro': 'First sign in with your current password.',
    'changePage.continue': 'Continue',
    'rules.generic': 'Long enough for your organization (12 characters by default), not one of your last passwords, not your username, not a common password.',
    'rules.heading': 'Your new password',
    'rules.length': 'From {minLength} to {maxLength} characters (spaces count)',
    'rules.history': 'Not one of your last {history} passwords',
    'rules.username': 'Not containing your username',
    'rules.common': 'Not a common password',
    'signedIn.heading': 'You are signed in',
    'signedIn.as': 'Welcome, {name}.',
    'signedIn.setUpTotp': 'Set up an authenticator app',
    'signedIn.signOut': 'Sign out',
    'role.employee': 'Employee',
    'role.manager': 'Manager',
    'role.administrator': 'Administrator',
    'role.client': 'Client',
    'totp.heading': 'Set up an authenticator app',
    'totp.scan': 'Scan this QR code with your authenticator app.',
    'totp.qrAlt': 'QR code to scan with your authenticator app',
    'totp.manual': 'Or enter this key in the app by hand:',
    'totp.codeHint': 'Then enter the six-digit code the app shows.',
    'totp.confirm': 'Confirm',
    'totp.doneHeading': 'Keep your recovery codes',
    'totp.recoveryIntro': 'If you lose your phone, each of these codes signs you in once. Keep them somewhere safe: they are not shown again.',
    'totp.kept': 'I have kept them',
    'totp.required': 'Your organization requires a second factor: set up an authenticator app to continue.',
    'totp.signInAgain': 'Now sign in again, with a code from the app.',
    'totp.enrolled': 'Your authenticator app is set up.',
    'forgot.heading': 'Forgot your password?',
    'forgot.intro': 'Enter your username or main email: if an account can receive a reset link, we email one.',
    'forgot.submit': 'Send me a link',
    'forgot.sentHeading': 'Check your email',
    'forgot.sentHint': 'The link works for 24 hours, once. Only the latest email\'s link works. Nothing after a few minutes? Check your spam folder, or ask your administrator.',
    'link.backToSignIn': 'Back to sign-in',
    'link.invalidHeading': 'This link cannot be used',
    'link.askNew': 'Ask for a new link',
    'link.validUntil': 'This link works until {until}.',
    'link.checking': 'Checking your link…',
    'link.missing': 'This link is incomplete: open it again from your email, whole.',
    'link.signIn': 'Sign in',
    'reset.heading': 'Reset your password',
    'reset.submit': 'Set the new password',
    'reset.doneHeading': 'Your password is set',
    'reset.done': 'You can sign in with your new password now.',
    'activate.heading': 'Activate your account',
    'activate.submit': 'Activate my account',
    'activate.doneHeading': 'Your account is active',
    'activate.done': 'You can sign in with your password now.',
    'activate.askAdministrator': 'Ask your administrator to send you a new welcome email: only the latest one works.',
    'violation.too_short': 'At least {minLength} characters.',
    'violation.too_long': 'At most 256 characters.',
    'violation.contains_username': 'It must not contain your username.',
    'violation.reused': 'It is one of your last passwords.',
    'violation.common': 'It is too common: choose one others would not guess.',
    'code.wrong': 'The code is wrong. Check it and try again.',
    'code.superseded': 'A newer code was sent: use the latest one.',
    'code.expired': 'The code has expired: have a new one sent.',
    'code.reused': 'This code was used already: wait for the next one.',
    'linkProblem.expired': 'It has expired (links work for 24 hours).',
    'linkProblem.superseded': 'It was replaced since, by a newer link or a change to the account: use the latest email, or ask for a new link.',
    'linkProblem.used': 'It was used already.',
    'linkProblem.unknown': 'It is not a link we sent, or it is incomplete.',
    'error.network': 'The service cannot be reached. Check your connection and try again.',
    'error.unexpected': 'Something went wrong. Try again in a moment.',
    'error.required': 'Fill in every field.',
    'error.passwordsDiffer': 'The two new passwords are not the same.',
    'error.waitAMinute': 'Wait a minute before trying again.',
    'signIn.lockedHint': 'After too many wrong passwords the account is deactivated, and even the right password gets this answer. Reset your password, or ask your supervisor to reactivate the account.',
  },
  fr: {
    'field.login': 'Nom d\'utilisateur ou courriel',
    'field.password': 'Mot de passe',
    'field.portal': 'Application',
    'field.code': 'Code',
    'field.recoveryCode': 'Code de récupération',
    'field.newPassword': 'Nouveau mot de passe',
    'field.confirmPassword': 'Nouveau mot de passe, encore',
    'portal.employee': 'Portail Employé',
    'portal.management': 'Portail Gestion',
    'portal.client': 'Portail Client',
    'signIn.heading': 'Connexion',
    'signIn.submit': 'Se connecter',
    'signIn.forgot': 'Mot de passe oublié ?',
    'signIn.changePassword': 'Changer de mot de passe',
    'twoFactor.heading': 'Confirmez que c\'est vous',
    'twoFactor.hint.totp': 'Saisissez le code à six chiffres de votre application d\'authentification, ou faites-vous envoyer un code.',
    'twoFactor.hint.send': 'Faites-vous envoyer un code, puis saisissez ses six chiffres.',
    'twoFactor.hint.recovery': 'Saisissez l\'un des codes de récupération que vous avez gardés. Chacun sert une fois.',
    'twoFactor.submit': 'Vérifier',
    'twoFactor.send.sms': 'Recevoir un code par SMS',
    'twoFactor.send.voice': 'Recevoir un code par appel',
    'twoFactor.send.email': 'Recevoir un code par courriel',
    'twoFactor.sent.sms': 'Un nouveau code arrive par SMS.',
    'twoFactor.sent.voice': 'Vous allez recevoir un appel avec un nouveau code.',
    'twoFactor.sent.email': 'Un nouveau code arrive par courriel.',
    'twoFactor.sendGroup': 'Recevoir un nouveau code',
    'twoFactor.latestOnly': 'Seul le dernier code envoyé fonctionne ; un code dure 10 minutes.',
    'twoFactor.useRecovery': 'Utiliser plutôt un code de récupération',
    'twoFactor.useCode': 'Utiliser plutôt un code',
    'change.heading': 'Choisissez un nouveau mot de passe',
    'change.submit': 'Enregistrer le nouveau mot de passe',
    'change.reason.temporary': 'Vous vous êtes connecté avec un mot de passe temporaire : choisissez le vôtre pour continuer.',
    'change.reason.expired': 'Votre mot de passe a expiré : choisissez-en un nouveau pour continuer.',
    'change.done': 'Votre mot de passe est changé.',
    'changePage.heading': 'Changer de mot de passe',
    'changePage.intro': 'Connectez-vous d\'abord avec votre mot de passe actuel.',
    'changePage.continue': 'Continuer',
    'rules.generic': 'Assez long pour votre organisation (12 caractères par défaut), pas l\'un de vos derniers mots de passe, sans votre nom d\'utilisateur, pas un mot de passe courant.',
    'rules.heading': 'Votre nouveau mot de passe',
    'rules.length': 'De {minLength} à {maxLength} caractères (les espaces comptent)',
    'rules.history': 'Pas l\'un de vos {history} derniers mots de passe',
    'rules.username': 'Sans votre nom d\'utilisateur',
    'rules.common': 'Pas un mot de passe courant',
    'signedIn.heading': 'Vous êtes connecté',
    'signedIn.as': 'Bienvenue, {name}.',
    'signedIn.setUpTotp': 'Configurer une application d\'authentification',
    'signedIn.signOut': 'Se déconnecter',
    'role.employee': 'Employé',
    'role.manager': 'Gestionnaire',
    'role.administrator': 'Administrateur',
    'role.client': 'Client',
    'totp.heading': 'Configurer une application d\'authentification',
    'totp.scan': 'Scannez ce code QR avec votre application d\'authentification.',
    'totp.qrAlt': 'Code QR à scanner avec votre application d\'authentification',
    'totp.manual': 'Ou saisissez cette clé à la main dans l\'application :',
    'totp.codeHint': 'Puis saisissez le code à six chiffres qu\'elle affiche.',
    'totp.confirm': 'Confirmer',
    'totp.doneHeading': 'Gardez vos codes de récupération',
    'totp.recoveryIntro': 'Si vous perdez votre téléphone, chacun de ces codes vous connecte une fois. Gardez-les en lieu sûr : ils ne seront plus affichés.',
    'totp.kept': 'Je les ai gardés',
    'totp.required': 'Votre organisation exige un second facteur : configurez une application d\'authentification pour continuer.',
    'totp.signInAgain': 'Connectez-vous maintenant de nouveau, avec un code de l\'application.',
    'totp.enrolled': 'Votre application d\'authentification est configurée.',
    'forgot.heading': 'Mot de passe oublié ?',
    'forgot.intro': 'Saisissez votre nom d\'utilisateur ou votre courriel principal : si un compte peut recevoir un lien de réinitialisation, nous l\'envoyons.',
    'forgot.submit': 'M\'envoyer un lien',
    'forgot.sentHeading': 'Consultez vos courriels',
    'forgot.sentHint': 'Le lien fonctionne 24 heures, une fois. Seul le lien du dernier courriel fonctionne. Rien après quelques minutes ? Regardez dans les indésirables, ou demandez à votre administrateur.',
    'link.backToSignIn': 'Retour à la connexion',
    'link.invalidHeading': 'Ce lien ne peut pas servir',
    'link.askNew': 'Demander un nouveau lien',
    'link.validUntil': 'Ce lien fonctionne jusqu\'au {until}.',
    'link.checking': 'Vérification de votre lien…',
    'link.missing': 'Ce lien est incomplet : ouvrez-le de nouveau depuis votre courriel, en entier.',
    'link.signIn': 'Se connecter',
    'reset.heading': 'Réinitialisez votre mot de passe',
    'reset.submit': 'Enregistrer le nouveau mot de passe',
    'reset.doneHeading': 'Votre mot de passe est enregistré',
    'reset.done': 'Vous pouvez maintenant vous connecter avec votre nouveau mot de passe.',
    'activate.heading': 'Activez votre compte',
    'activate.submit': 'Activer mon compte',
    'activate.doneHeading': 'Votre compte est actif',
    'activate.done': 'Vous pouvez maintenant vous connecter avec votre mot de passe.',
    'activate.askAdministrator': 'Demandez à votre administrateur de vous envoyer un nouveau courriel de bienvenue : seul le dernier fonctionne.',
    'violation.too_short': 'Au moins {minLength} caractères.',
    'violation.too_long': 'Au plus 256 caractères.',
    'violation.contains_username': 'Il ne doit pas contenir votre nom d\'utilisateur.',
    'violation.reused': 'C\'est l\'un de vos derniers mots de passe.',
    'violation.common': 'Il est trop courant : choisissez-en un que personne ne devinerait.',
    'code.wrong': 'Le code est erroné. Vérifiez-le et réessayez.',
    'code.superseded': 'Un code plus récent a été envoyé : utilisez le dernier.',
    'code.expired': 'Le code a expiré : faites-vous en envoyer un nouveau.',
    'code.reused': 'Ce code a déjà servi : attendez le suivant.',
    'linkProblem.expired': 'Il a expiré (un lien fonctionne 24 heures).',
    'linkProblem.superseded': 'Il a été remplacé depuis, par un lien plus récent ou une modification du compte : utilisez le dernier courriel, ou demandez un nouveau lien.',
    'linkProblem.used': 'Il a déjà servi.',
    'linkProblem.unknown': 'Ce n\'est pas un lien que nous avons envoyé, ou il est incomplet.',
    'error.network': 'Le service est injoignable. Vérifiez votre connexion et réessayez.',
    'error.unexpected': 'Un problème est survenu. Réessayez dans un instant.',
    'error.required': 'Remplissez chaque champ.',
    'error.passwordsDiffer': 'Les deux nouveaux mots de passe ne sont pas identiques.',
    'error.waitAMinute': 'Attendez une minute avant de réessayer.',
    'signIn.lockedHint': 'Après trop de mots de passe erronés, le compte est désactivé et même le bon mot de passe reçoit cette réponse. Réinitialisez votre mot de passe ou demandez à votre superviseur de réactiver le compte.',
  },
};

const listeners = [];

function initial() {
  let saved = null;
  try {
    saved = window.localStorage.getItem('language');
  } catch {
    saved = null;
  }
  if (saved === 'fr' || saved === 'en') return saved;
  const preferred = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
  return preferred.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

let current = initial();

export function language() {
  return current;
}

/** The words of `key` in the current language, `{name}` placeholders filled from `vars`. */
export function t(key, vars = {}) {
  let text = words[current][key] ?? words.en[key] ?? key;
  for (const [name, value] of Object.entries(vars)) {
    text = text.replaceAll(`{${name}}`, String(value));
  }
  return text;
}

export function setLanguage(chosen) {
  current = chosen === 'fr' ? 'fr' : 'en';
  try {
    window.localStorage.setItem('language', current);
  } catch {
    // Private modes may refuse storage: the choice then lasts for this page.
  }
  document.documentElement.lang = current;
  listeners.forEach((listener) => listener(current));
}

export function onLanguageChange(listener) {
  listeners.push(listener);
}

/** Every key of both languages, for the check that neither lacks one. */
export const keys = { en: Object.keys(words.en), fr: Object.keys(words.fr) };
