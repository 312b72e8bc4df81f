/** Tells the agent something needs them: a short tone (Web Audio, no file) and, when allowed, a desktop notification. */

let audio: AudioContext | undefined;

/** Plays a short two-note chime; silent where the browser has no Web Audio or blocks it. */
export function chime(): void {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (const [i, frequency] of [880, 1320].entries()) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + i * 0.15);
      gain.gain.exponentialRampToValueAtTime(0.15, start + i * 0.15 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.15 + 0.14);
      tone.connect(gain).connect(audio.destination);
      tone.start(start + i * 0.15);
      tone.stop(start + i * 0.15 + 0.15);
    }
  } catch {
    // No sound here; the badge and the list still show it.
  }
}

/** Whether desktop notifications can be asked for, are allowed, or are blocked in this browser. */
export function notificationState(): 'unsupported' | NotificationPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks for permission (call from a button press, never on load). */
export async function askForNotifications(): Promise<'unsupported' | NotificationPermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** Chimes and, when allowed, shows `title` with `body` as a desktop notification; a click brings the page forward. */
export function notify(title: string, body: string, tag: string): void {
  chime();
  if (notificationState() !== 'granted') return;
  try {
    const shown = new Notification(title, { body, tag });
    shown.onclick = () => {
      window.focus();
      shown.close();
    };
  } catch {
    // Some browsers allow notifications only from a service worker; the chime was enough.
  }
}
