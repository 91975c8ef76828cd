// A one-shot note that the session expired, so the login page can say why the user landed there.
const KEY = 'fupin_session_expired';

export function markSessionExpired(): void {
  try {
    sessionStorage.setItem(KEY, '1');
  } catch {
    /* storage unavailable: the login page just won't explain */
  }
}

export function takeSessionExpired(): boolean {
  try {
    const v = sessionStorage.getItem(KEY) === '1';
    sessionStorage.removeItem(KEY);
    return v;
  } catch {
    return false;
  }
}
