/**
 * Language names as their speakers write them (and a few common alternatives), for spotting a
 * language menu. Compared case-insensitively after NFC.
 */
const AUTONYMS = [
  'English', 'Español', 'Castellano', 'Português', 'Português (Brasil)', 'Français', 'Deutsch', 'Italiano',
  'Nederlands', 'Polski', 'Čeština', 'Slovenčina', 'Magyar', 'Română', 'Svenska', 'Norsk', 'Dansk', 'Suomi',
  'Íslenska', 'Eesti', 'Latviešu', 'Lietuvių', 'Slovenščina', 'Hrvatski', 'Srpski', 'Српски', 'Bosanski',
  'Shqip', 'Català', 'Euskara', 'Galego', 'Gaeilge', 'Cymraeg', 'Malti', 'Türkçe', 'Azərbaycanca', 'Ελληνικά',
  'Русский', 'Українська', 'Беларуская', 'Български', 'Македонски', 'Қазақша', 'Қазақ тілі', 'Oʻzbekcha',
  'Кыргызча', 'Монгол', 'ქართული', 'Հայերեն', 'עברית', 'العربية', 'فارسی', 'اردو', 'پښتو', 'Kurdî', 'हिंदी',
  'हिन्दी', 'বাংলা', 'ਪੰਜਾਬੀ', 'ગુજરાતી', 'मराठी', 'नेपाली', 'தமிழ்', 'తెలుగు', 'ಕನ್ನಡ', 'മലയാളം', 'සිංහල',
  'ไทย', 'ລາວ', 'ខ្មែរ', 'မြန်မာ', 'Tiếng Việt', 'Bahasa Indonesia', 'Bahasa Melayu', 'Tagalog', 'Filipino',
  '中文', '简体中文', '繁體中文', '日本語', '한국어', 'Kiswahili', 'Afrikaans', 'isiZulu', 'Yorùbá', 'Hausa',
  'አማርኛ', 'Esperanto',
];

const SET = new Set(AUTONYMS.map((a) => a.normalize('NFC').toLocaleLowerCase('und')));

export function isAutonym(label: string): boolean {
  return SET.has(label.normalize('NFC').trim().toLocaleLowerCase('und'));
}
