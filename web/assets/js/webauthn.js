// The browser's side of passkeys (WebAuthn): the API gives options as JSON with base64url binary fields, the browser
// takes them through PublicKeyCredential.parseCreationOptionsFromJSON / parseRequestOptionsFromJSON and answers with
// toJSON(), which the API reads as it is. Older browsers without those get the same conversions by hand.

const fromBase64Url = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
const toBase64Url = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Whether this browser can use passkeys at all. */
export function passkeysSupported() {
  return typeof window.PublicKeyCredential === 'function' && !!navigator.credentials;
}

/** Whether the browser can offer passkeys in the login field's suggestions ("conditional UI"). */
export async function conditionalMediationAvailable() {
  if (!passkeysSupported() || typeof PublicKeyCredential.isConditionalMediationAvailable !== 'function') return false;
  try {
    return await PublicKeyCredential.isConditionalMediationAvailable();
  } catch {
    return false;
  }
}

function creationOptions(json) {
  if (typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function') return PublicKeyCredential.parseCreationOptionsFromJSON(json);
  return {
    ...json,
    challenge: fromBase64Url(json.challenge),
    user: { ...json.user, id: fromBase64Url(json.user.id) },
    excludeCredentials: (json.excludeCredentials || []).map((c) => ({ ...c, id: fromBase64Url(c.id) })),
  };
}

function requestOptions(json) {
  if (typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function') return PublicKeyCredential.parseRequestOptionsFromJSON(json);
  return { ...json, challenge: fromBase64Url(json.challenge), allowCredentials: (json.allowCredentials || []).map((c) => ({ ...c, id: fromBase64Url(c.id) })) };
}

function answer(credential) {
  if (typeof credential.toJSON === 'function') return credential.toJSON();
  const response = credential.response;
  const json = {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    response: { clientDataJSON: toBase64Url(response.clientDataJSON) },
    clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
  };
  if (response.attestationObject) {
    json.response.attestationObject = toBase64Url(response.attestationObject);
    json.response.transports = response.getTransports ? response.getTransports() : [];
  } else {
    json.response.authenticatorData = toBase64Url(response.authenticatorData);
    json.response.signature = toBase64Url(response.signature);
    if (response.userHandle) json.response.userHandle = toBase64Url(response.userHandle);
  }
  return json;
}

/**
 * Asks the browser (and the person's authenticator) for a new passkey: `{ credential }` to send to the API, or
 * `{ problem }`, a translation key saying why there is none (cancelled, already registered, not possible here).
 */
export async function createPasskey(options) {
  try {
    return { credential: answer(await navigator.credentials.create({ publicKey: creationOptions(options) })) };
  } catch (error) {
    return { problem: problemOf(error) };
  }
}

/** Asks for a passkey's signature on the request options; `mediation: 'conditional'` waits in the login field's suggestions. */
export async function getPasskey(options, { mediation, signal } = {}) {
  try {
    const request = { publicKey: requestOptions(options) };
    if (mediation) request.mediation = mediation;
    if (signal) request.signal = signal;
    return { credential: answer(await navigator.credentials.get(request)) };
  } catch (error) {
    return { problem: problemOf(error), aborted: error && error.name === 'AbortError' };
  }
}

function problemOf(error) {
  switch (error && error.name) {
    case 'NotAllowedError':
    case 'AbortError':
      return 'passkey.cancelled';
    case 'InvalidStateError':
      return 'passkey.alreadyHere';
    case 'SecurityError':
    case 'NotSupportedError':
      return 'passkey.unavailable';
    default:
      return 'passkey.failed';
  }
}
