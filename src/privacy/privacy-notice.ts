/**
 * Version of the privacy notice shown before consent (`privacy:notice` and `privacy:details` in
 * every locale). Each consent is stored with it. Change the date whenever the notice's meaning
 * changes in any language, so that we know what each person agreed to.
 */
export const PRIVACY_NOTICE_VERSION = '2026-12-01.1';
