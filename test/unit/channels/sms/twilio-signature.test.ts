import { twilioSignature, validTwilioSignature } from '../../../../src/channels/sms/twilio/twilio-signature';

/**
 * The example of Twilio's documentation, also the vector of its own validators' tests (twilio-php
 * `tests/Twilio/Unit/Security/RequestValidatorTest.php`): token, URL, parameters, signature.
 * NOTE: https://www.twilio.com/docs/usage/webhooks/webhooks-security#validating-signatures-from-twilio
 */
const TOKEN = '12345';
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = new URLSearchParams({ CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' });

test('matches the signature of the documented example', () => {
  expect(twilioSignature(TOKEN, URL, PARAMS)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
});

test('accepts the right signature, refuses a missing, forged or re-keyed one', () => {
  const good = twilioSignature(TOKEN, URL, PARAMS);
  expect(validTwilioSignature(TOKEN, URL, PARAMS, good)).toBe(true);
  expect(validTwilioSignature(TOKEN, URL, PARAMS, undefined)).toBe(false);
  expect(validTwilioSignature(TOKEN, URL, PARAMS, 'RSOYDt4T1cUTdK1PDd93/VVr8B9=')).toBe(false);
  expect(validTwilioSignature(TOKEN, URL, PARAMS, 'short')).toBe(false);
  expect(validTwilioSignature('other', URL, PARAMS, good)).toBe(false);
  const changed = new URLSearchParams(PARAMS);
  changed.set('Digits', '9999');
  expect(validTwilioSignature(TOKEN, URL, changed, good)).toBe(false);
});
