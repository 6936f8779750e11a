// What every page does first: the language (the browser's, or the one chosen with the switch) and its switch.
import { language, setLanguage, onLanguageChange } from './i18n.js';

const names = { en: 'English', fr: 'Français' };

export function start(render) {
  const toggle = document.getElementById('language-switch');
  const label = () => {
    const other = language() === 'fr' ? 'en' : 'fr';
    toggle.textContent = names[other];
    toggle.setAttribute('lang', other);
    document.documentElement.lang = language();
  };
  toggle.addEventListener('click', () => setLanguage(language() === 'fr' ? 'en' : 'fr'));
  onLanguageChange(label);
  label();
  render();
}
