import { describe, expect, test } from '@jest/globals';
import { splitSentences, type LanguageCode } from '@lockstep/shared';

/**
 * Sentence boundaries per language, written from knowledge of each language's conventions
 * (titles, abbreviations, initials, decimals, quotes, its own punctuation). Each row: the text
 * and the sentences it must split into.
 */
type Row = [text: string, sentences: string[]];

const CASES: Record<LanguageCode, Row[]> = {
  en: [
    ['Mr. Smith went to Washington. He arrived on Feb. 24 at 3 p.m. and left.', ['Mr. Smith went to Washington.', 'He arrived on Feb. 24 at 3 p.m. and left.']],
    ['"Stop!" he said. Then he left.', ['"Stop!" he said.', 'Then he left.']],
    ['The U.S. President spoke in the U.S. Senate. The vote was close.', ['The U.S. President spoke in the U.S. Senate.', 'The vote was close.']],
    ['Pi is 3.14 and e is 2.718. Both are irrational.', ['Pi is 3.14 and e is 2.718.', 'Both are irrational.']],
    ['We waited... Then it came. We waited… And waited.', ['We waited...', 'Then it came.', 'We waited…', 'And waited.']],
    ['Bring fruit, e.g. apples or pears, i.e. anything fresh. Thanks.', ['Bring fruit, e.g. apples or pears, i.e. anything fresh.', 'Thanks.']],
    ['Dr. J. K. Rowling wrote it. She is famous.', ['Dr. J. K. Rowling wrote it.', 'She is famous.']],
    ['He moved to the U.S. The rest of his family stayed.', ['He moved to the U.S.', 'The rest of his family stayed.']],
    ['They sold apples, pears, etc. The market closed at noon.', ['They sold apples, pears, etc.', 'The market closed at noon.']],
    ['She asked, "Are you coming?" and left. Nobody answered!', ['She asked, "Are you coming?" and left.', 'Nobody answered!']],
    ['See Fig. 3 and No. 5 for details. It shows the data.', ['See Fig. 3 and No. 5 for details.', 'It shows the data.']],
    ['The war ended. 2022 was a hard year.', ['The war ended.', '2022 was a hard year.']],
    ['George W. Bush met Gen. Smith in Washington, D.C. on Monday.', ['George W. Bush met Gen. Smith in Washington, D.C. on Monday.']],
    ['Hello!World stays one token. Right?', ['Hello!World stays one token.', 'Right?']],
    ['Pvt. Ryan was saved. Sgt. Horvath died.', ['Pvt. Ryan was saved.', 'Sgt. Horvath died.']],
    ['He works for the BBC. Johnson said no.', ['He works for the BBC.', 'Johnson said no.']],
    ['Prices rose 8.5% in March vs. 7.9% in Feb. Economists were surprised.', ['Prices rose 8.5% in March vs. 7.9% in Feb.', 'Economists were surprised.']],
  ],
  es: [
    ['¿Qué hora es? ¡Son las tres! Vamos ya.', ['¿Qué hora es?', '¡Son las tres!', 'Vamos ya.']],
    ['La Sra. García llegó tarde. Dña. Carmen también.', ['La Sra. García llegó tarde.', 'Dña. Carmen también.']],
    ['El Dr. Pérez vive en EE. UU. desde 2010. Trabaja allí.', ['El Dr. Pérez vive en EE. UU. desde 2010.', 'Trabaja allí.']],
    ['El número pi vale 3,14. Es irracional. Cuesta 1.500 euros.', ['El número pi vale 3,14.', 'Es irracional.', 'Cuesta 1.500 euros.']],
    ['Compramos frutas, p. ej. manzanas, etc. Luego volvimos.', ['Compramos frutas, p. ej. manzanas, etc.', 'Luego volvimos.']],
    ['Llegó el 5 de feb. de 2020. Fue un lunes.', ['Llegó el 5 de feb. de 2020.', 'Fue un lunes.']],
    ['—¿Vienes? —preguntó ella. —Sí.', ['—¿Vienes? —preguntó ella.', '—Sí.']],
    ['Esperé… Nadie vino.', ['Esperé…', 'Nadie vino.']],
    ['Nació en el año 50 a. C. en Roma. Murió joven.', ['Nació en el año 50 a. C. en Roma.', 'Murió joven.']],
    ['Lo dijo el Sr. Gómez: «¡Basta!». Todos callaron.', ['Lo dijo el Sr. Gómez: «¡Basta!».', 'Todos callaron.']],
    ['—Hola —dijo él—. ¿Cómo estás?', ['—Hola —dijo él—.', '¿Cómo estás?']],
  ],
  pt: [
    ['O Sr. Silva chegou cedo. A Sra. Souza também.', ['O Sr. Silva chegou cedo.', 'A Sra. Souza também.']],
    ['O valor é 3,14. É barato.', ['O valor é 3,14.', 'É barato.']],
    ['Ele disse: "Pare!" e parou. Depois saiu.', ['Ele disse: "Pare!" e parou.', 'Depois saiu.']],
    ['A Dra. Costa trabalha na Av. Paulista. Ela é médica.', ['A Dra. Costa trabalha na Av. Paulista.', 'Ela é médica.']],
    ['Compramos frutas, legumes etc. Depois voltamos.', ['Compramos frutas, legumes etc.', 'Depois voltamos.']],
    ['A Empresa X Ltda. foi fundada em jan. de 2020. Cresceu rápido.', ['A Empresa X Ltda. foi fundada em jan. de 2020.', 'Cresceu rápido.']],
    ['Você vem? Sim! Claro.', ['Você vem?', 'Sim!', 'Claro.']],
    ['Veja a pág. 5 e o art. 3 da lei. Está claro.', ['Veja a pág. 5 e o art. 3 da lei.', 'Está claro.']],
    ['Ele nasceu no séc. XIX. Morreu em 1950.', ['Ele nasceu no séc. XIX.', 'Morreu em 1950.']],
    ['Esperei… Ninguém veio.', ['Esperei…', 'Ninguém veio.']],
  ],
  fr: [
    ['« Bonjour ! » dit-il. Elle répondit.', ['« Bonjour ! » dit-il.', 'Elle répondit.']],
    ['Vraiment ? Oui. Bien sûr !', ['Vraiment ?', 'Oui.', 'Bien sûr !']],
    ['Vraiment\u00a0? Oui\u202f! Bien.', ['Vraiment\u00a0?', 'Oui\u202f!', 'Bien.']],
    ['M. Dupont est là. Mme Durand aussi.', ['M. Dupont est là.', 'Mme Durand aussi.']],
    ['Il est né en 52 av. J.-C. Les Gaulois étaient là.', ['Il est né en 52 av. J.-C.', 'Les Gaulois étaient là.']],
    ['Il a dit : « Non ! » Puis il est parti.', ['Il a dit : « Non ! »', 'Puis il est parti.']],
    ['Voir p. ex. le chapitre 3. Cf. la note.', ['Voir p. ex. le chapitre 3.', 'Cf. la note.']],
    ['Le prix est de 3,14 €. Il augmente.', ['Le prix est de 3,14 €.', 'Il augmente.']],
    ['Il attendit… Personne ne vint.', ['Il attendit…', 'Personne ne vint.']],
    ['Le 3 janv. 2020, Mme Martin est arrivée. Elle venait de Lyon.', ['Le 3 janv. 2020, Mme Martin est arrivée.', 'Elle venait de Lyon.']],
    ['La grève a commencé lundi à 6 h. À midi, tout était fini.', ['La grève a commencé lundi à 6 h.', 'À midi, tout était fini.']],
  ],
  ru: [
    ['А. С. Пушкин родился в 1799 г. в Москве. Он был поэтом.', ['А. С. Пушкин родился в 1799 г. в Москве.', 'Он был поэтом.']],
    ['Это т.е. пример, и т.д. Затем конец.', ['Это т.е. пример, и т.д.', 'Затем конец.']],
    ['Это т. е. пример, и т. д. Затем конец.', ['Это т. е. пример, и т. д.', 'Затем конец.']],
    ['В. В. Путин выступил. Все слушали.', ['В. В. Путин выступил.', 'Все слушали.']],
    ['Цена 3,14 руб. за кг. Это дёшево.', ['Цена 3,14 руб. за кг.', 'Это дёшево.']],
    ['Он сказал: «Стой!» Все остановились.', ['Он сказал: «Стой!»', 'Все остановились.']],
    ['Это случилось в 2014 г. Крым стал частью России.', ['Это случилось в 2014 г.', 'Крым стал частью России.']],
    ['Он живёт в г. Москва. Его дом на ул. Ленина.', ['Он живёт в г. Москва.', 'Его дом на ул. Ленина.']],
    ['Ты придёшь? Да! Конечно.', ['Ты придёшь?', 'Да!', 'Конечно.']],
    ['Он ждал… Никто не пришёл.', ['Он ждал…', 'Никто не пришёл.']],
    ['См. рис. 3 и табл. 2. Всё ясно.', ['См. рис. 3 и табл. 2.', 'Всё ясно.']],
    ['— Привет, — сказал он. — Как дела?', ['— Привет, — сказал он.', '— Как дела?']],
  ],
  el: [
    ['Τι κάνεις; Καλά είμαι.', ['Τι κάνεις;', 'Καλά είμαι.']],
    ['Τι κάνεις\u037e Καλά.', ['Τι κάνεις\u037e', 'Καλά.']],
    ['Ο κ. Παπαδόπουλος ήρθε. Μετά έφυγε.', ['Ο κ. Παπαδόπουλος ήρθε.', 'Μετά έφυγε.']],
    ['Π.χ. το σπίτι. Και το αυτοκίνητο.', ['Π.χ. το σπίτι.', 'Και το αυτοκίνητο.']],
    ['Γιατί; Δεν ξέρω!', ['Γιατί;', 'Δεν ξέρω!']],
    ['Η τιμή είναι 3,14 ευρώ. Είναι φθηνό.', ['Η τιμή είναι 3,14 ευρώ.', 'Είναι φθηνό.']],
    ['Ήρθαν όλοι, δηλ. οι φίλοι, οι συγγενείς κλπ. Η γιορτή άρχισε.', ['Ήρθαν όλοι, δηλ. οι φίλοι, οι συγγενείς κλπ.', 'Η γιορτή άρχισε.']],
    ['Ο Κ. Καραμανλής μίλησε. Όλοι άκουσαν.', ['Ο Κ. Καραμανλής μίλησε.', 'Όλοι άκουσαν.']],
    ['Γεννήθηκε το 500 π.Χ. Ο Περικλής ήταν ηγέτης.', ['Γεννήθηκε το 500 π.Χ.', 'Ο Περικλής ήταν ηγέτης.']],
    ['«Σταμάτα!» φώναξε. Όλοι σταμάτησαν.', ['«Σταμάτα!» φώναξε.', 'Όλοι σταμάτησαν.']],
  ],
  hi: [
    ['यह एक वाक्य है। यह दूसरा वाक्य है।', ['यह एक वाक्य है।', 'यह दूसरा वाक्य है।']],
    ['पहला छंद॥ दूसरा छंद॥', ['पहला छंद॥', 'दूसरा छंद॥']],
    ['डॉ. शर्मा आए। वे खुश थे।', ['डॉ. शर्मा आए।', 'वे खुश थे।']],
    ['ए. आर. रहमान संगीतकार हैं। वे प्रसिद्ध हैं।', ['ए. आर. रहमान संगीतकार हैं।', 'वे प्रसिद्ध हैं।']],
    ['इसकी कीमत 3.14 रुपये है। यह सस्ता है।', ['इसकी कीमत 3.14 रुपये है।', 'यह सस्ता है।']],
    ['क्या तुम आओगे? हाँ! ज़रूर।', ['क्या तुम आओगे?', 'हाँ!', 'ज़रूर।']],
    ['वह आया।फिर वह चला गया।', ['वह आया।', 'फिर वह चला गया।']],
    ['उन्होंने कहा, "रुको!" और वे रुक गए।', ['उन्होंने कहा, "रुको!" और वे रुक गए।']],
    ['1947 ई. में भारत आज़ाद हुआ। यह ऐतिहासिक था।', ['1947 ई. में भारत आज़ाद हुआ।', 'यह ऐतिहासिक था।']],
    ['यह अच्छा है. वह भी अच्छा है।', ['यह अच्छा है.', 'वह भी अच्छा है।']],
  ],
  ko: [
    ['나는 학교에 갑니다. 친구를 만납니다.', ['나는 학교에 갑니다.', '친구를 만납니다.']],
    ['정말요? 네! 좋아요.', ['정말요?', '네!', '좋아요.']],
    // Decision: a full stop between two Hangul syllables ends a sentence even without a space.
    ['합니다.그리고 갔다.', ['합니다.', '그리고 갔다.']],
    ['그는 “멈춰!”라고 말했다. 나는 멈췄다.', ['그는 “멈춰!”라고 말했다.', '나는 멈췄다.']],
    ['값은 3.14입니다. 싸요.', ['값은 3.14입니다.', '싸요.']],
    ['Dr. Kim은 의사입니다. 그는 친절합니다.', ['Dr. Kim은 의사입니다.', '그는 친절합니다.']],
    // No capital letter to tell: an ellipsis is a pause, not an end.
    ['기다렸다… 아무도 오지 않았다.', ['기다렸다… 아무도 오지 않았다.']],
    ['2022년 2월 24일. 전쟁이 시작되었다.', ['2022년 2월 24일.', '전쟁이 시작되었다.']],
    ['“가자!” 그가 말했다.', ['“가자!” 그가 말했다.']],
    ['U.S. 대통령이 말했다. 모두 들었다.', ['U.S. 대통령이 말했다.', '모두 들었다.']],
  ],
  tl: [
    ['Si G. Santos ay dumating. Ano? Oo.', ['Si G. Santos ay dumating.', 'Ano?', 'Oo.']],
    ['Si Gng. Cruz ay guro. Siya ay mabait.', ['Si Gng. Cruz ay guro.', 'Siya ay mabait.']],
    ['Bumili kami ng prutas, gulay atbp. Ang mga ito ay mura.', ['Bumili kami ng prutas, gulay atbp.', 'Ang mga ito ay mura.']],
    ['Ang halaga ay 3.14 piso. Mura ito.', ['Ang halaga ay 3.14 piso.', 'Mura ito.']],
    ['"Tumigil ka!" sabi niya. Tumigil siya.', ['"Tumigil ka!" sabi niya.', 'Tumigil siya.']],
    ['Si Bb. Reyes ay nagturo noong Ene. 5. Masaya ang klase.', ['Si Bb. Reyes ay nagturo noong Ene. 5.', 'Masaya ang klase.']],
    ['Nagsalita si Sen. Cruz at si Atty. Lim. Nakinig ang lahat.', ['Nagsalita si Sen. Cruz at si Atty. Lim.', 'Nakinig ang lahat.']],
    ['Naghintay ako… Walang dumating.', ['Naghintay ako…', 'Walang dumating.']],
    ['May mga prutas, hal. mansanas at saging. Masarap ang mga ito.', ['May mga prutas, hal. mansanas at saging.', 'Masarap ang mga ito.']],
    ['Taga-U.S. siya. Ngayon ay nasa Maynila siya.', ['Taga-U.S. siya.', 'Ngayon ay nasa Maynila siya.']],
  ],
};

describe.each(Object.entries(CASES) as [LanguageCode, Row[]][])('sentence boundaries in %s', (lang, rows) => {
  test.each(rows)('%s', (text, sentences) => {
    expect(splitSentences(text, lang)).toEqual(sentences);
  });
});

describe('sentence splitting in general', () => {
  test('treats line breaks as spaces and drops empty input', () => {
    expect(splitSentences('One line\ncontinues here. Next one.', 'en')).toEqual(['One line continues here.', 'Next one.']);
    expect(splitSentences('', 'en')).toEqual([]);
    expect(splitSentences('   \n ', 'ko')).toEqual([]);
  });

  test('Greek `;` is a question mark only in Greek', () => {
    expect(splitSentences('Read this; Then that.', 'en')).toEqual(['Read this; Then that.']);
    expect(splitSentences('Διάβασε; Μετά αυτό.', 'el')).toHaveLength(2);
  });

  test('a number alone does not make a sentence', () => {
    expect(splitSentences('1. Introduction to the topic', 'en')).toEqual(['1. Introduction to the topic']);
  });

  test('a very long paragraph is split the same as its parts', () => {
    const sentence = 'The committee met on Feb. 24 and Mr. Jones read the U.S. statement aloud. ';
    const long = sentence.repeat(800);
    const parts = splitSentences(long, 'en');
    expect(parts).toHaveLength(800);
    expect(new Set(parts)).toEqual(new Set([sentence.trim()]));
  });
});
