import { describe, expect, test } from '@jest/globals';
import { splitSentences, type LanguageCode } from '@lockstep/shared';

/**
 * The classes of issue #25 in each language's conventions: quotes that close a clause,
 * enumerations inside a sentence, dotted dates, abbreviations, addresses followed by more of
 * the sentence. Each row: the text and the sentences a native reader cuts it into. These are
 * the tuning cases; the held-out paragraphs (tests/data/segment-heldout) are scored apart.
 */
type Row = [text: string, sentences: string[]];

const CASES: Partial<Record<LanguageCode, Row[]>> = {
  ko: [
    // A quoting particle (라고, 하고) after the closing quote continues the sentence.
    ['시위대는 "전쟁을 멈춰라!"라고 외쳤다. 경찰은 물러섰다.', ['시위대는 "전쟁을 멈춰라!"라고 외쳤다.', '경찰은 물러섰다.']],
    ['기자가 “언제 끝납니까?”라고 물었다. 답은 없었다.', ['기자가 “언제 끝납니까?”라고 물었다.', '답은 없었다.']],
    ['"모두 모이자!" 하고 그가 외쳤다. 사람들이 모였다.', ['"모두 모이자!" 하고 그가 외쳤다.', '사람들이 모였다.']],
    // Dotted dates (국립국어원 문장 부호: 연월일을 마침표로 표시).
    ['집회는 2023. 3. 4.(토) 오후 2시에 열린다. 모두 참여하자.', ['집회는 2023. 3. 4.(토) 오후 2시에 열린다.', '모두 참여하자.']],
    ['행사는 2024. 10. 9. 한글날에 열린다. 누구나 올 수 있다.', ['행사는 2024. 10. 9. 한글날에 열린다.', '누구나 올 수 있다.']],
    // Numbered items inside one sentence, and an item that follows a finished sentence.
    ['우리의 요구는 1. 즉각 휴전, 2. 제재 해제, 3. 협상 재개이다. 함께하자.', ['우리의 요구는 1. 즉각 휴전, 2. 제재 해제, 3. 협상 재개이다.', '함께하자.']],
    ['회의는 3시에 끝났다. 2. 다음 안건으로 넘어갔다.', ['회의는 3시에 끝났다.', '2. 다음 안건으로 넘어갔다.']],
    ['그들은... 결국 돌아오지 않았다. 우리는 기다렸다.', ['그들은... 결국 돌아오지 않았다.', '우리는 기다렸다.']],
    // Addresses followed by a particle stay inside; one after a finished sentence starts the next.
    ['문의는 info@example.or.kr로 보내 주십시오. 감사합니다.', ['문의는 info@example.or.kr로 보내 주십시오.', '감사합니다.']],
    ['자세한 내용은 https://example.or.kr/a.html에서 확인하세요. 감사합니다.', ['자세한 내용은 https://example.or.kr/a.html에서 확인하세요.', '감사합니다.']],
    ['신청서를 보내 주십시오. www.example.or.kr에서 받을 수 있습니다.', ['신청서를 보내 주십시오.', 'www.example.or.kr에서 받을 수 있습니다.']],
  ],
  hi: [
    ['डॉ. शर्मा और श्री. वर्मा ने पृ. 12 पर लिखा। यह सही है।', ['डॉ. शर्मा और श्री. वर्मा ने पृ. 12 पर लिखा।', 'यह सही है।']],
    ['मा. मंत्री जी ने दि. 4 मार्च को नं. 10 की बैठक बुलाई। सब आए।', ['मा. मंत्री जी ने दि. 4 मार्च को नं. 10 की बैठक बुलाई।', 'सब आए।']],
    ['हमारी माँगें हैं: 1. युद्धविराम, 2. प्रतिबंध हटाना, 3. वार्ता। हम एकजुट हैं।', ['हमारी माँगें हैं: 1. युद्धविराम, 2. प्रतिबंध हटाना, 3. वार्ता।', 'हम एकजुट हैं।']],
    // Continuation cues after a closing quote: a conjunction, a postposition, `कि`.
    ['उन्होंने पूछा, “युद्ध कब रुकेगा?” और चुप हो गए। सब चुप थे।', ['उन्होंने पूछा, “युद्ध कब रुकेगा?” और चुप हो गए।', 'सब चुप थे।']],
    ['“युद्ध रोको!” के नारे लगे। सब चुप थे।', ['“युद्ध रोको!” के नारे लगे।', 'सब चुप थे।']],
    ['उन्होंने इतना ही पूछा, “अब क्या?” कि सभा में सन्नाटा छा गया।', ['उन्होंने इतना ही पूछा, “अब क्या?” कि सभा में सन्नाटा छा गया।']],
    // A quotation after `कहा,` closes its sentence; one that opens the sentence has its attribution after it.
    ['नेता ने कहा, “हम जीतेंगे!” सभा में तालियाँ बजीं।', ['नेता ने कहा, “हम जीतेंगे!”', 'सभा में तालियाँ बजीं।']],
    ['“हम हार नहीं मानेंगे!” उन्होंने कहा। सभा ख़त्म हुई।', ['“हम हार नहीं मानेंगे!” उन्होंने कहा।', 'सभा ख़त्म हुई।']],
    ['जनता ने पूछा, "रोटी कहाँ है?" "काम कहाँ है?"', ['जनता ने पूछा, "रोटी कहाँ है?"', '"काम कहाँ है?"']],
  ],
  en: [
    ['Our demands: 1. End the war, 2. Lift the sanctions, 3. Talk. We mean it.', ['Our demands: 1. End the war, 2. Lift the sanctions, 3. Talk.', 'We mean it.']],
    ['Write to info@example.org. We will answer. Or visit www.example.org. Then sign.', ['Write to info@example.org.', 'We will answer.', 'Or visit www.example.org.', 'Then sign.']],
    ['"Why now?" asked the reporter. Nobody knew.', ['"Why now?" asked the reporter.', 'Nobody knew.']],
  ],
  es: [
    ['Exigimos: 1. Paz, 2. Pan, 3. Trabajo. Nada más.', ['Exigimos: 1. Paz, 2. Pan, 3. Trabajo.', 'Nada más.']],
    ['Escriba a info@ejemplo.es. Le responderemos.', ['Escriba a info@ejemplo.es.', 'Le responderemos.']],
  ],
  pt: [
    ['Exigimos: 1. Paz, 2. Pão, 3. Trabalho. Nada mais.', ['Exigimos: 1. Paz, 2. Pão, 3. Trabalho.', 'Nada mais.']],
    ['Escreva para info@exemplo.com.br. Responderemos.', ['Escreva para info@exemplo.com.br.', 'Responderemos.']],
  ],
  fr: [
    ['Nous exigeons : 1. La paix, 2. Le pain. Rien de plus.', ['Nous exigeons : 1. La paix, 2. Le pain.', 'Rien de plus.']],
    ['Écrivez à info@exemple.fr. Nous répondrons.', ['Écrivez à info@exemple.fr.', 'Nous répondrons.']],
  ],
  el: [
    ['Ζητάμε: 1. Ειρήνη, 2. Ψωμί. Τίποτε άλλο.', ['Ζητάμε: 1. Ειρήνη, 2. Ψωμί.', 'Τίποτε άλλο.']],
    ['Γράψτε στο info@example.gr. Θα απαντήσουμε.', ['Γράψτε στο info@example.gr.', 'Θα απαντήσουμε.']],
  ],
  tl: [
    ['Hinihingi namin: 1. Kapayapaan, 2. Tinapay. Wala nang iba.', ['Hinihingi namin: 1. Kapayapaan, 2. Tinapay.', 'Wala nang iba.']],
    ['Sumulat sa info@example.ph. Sasagot kami.', ['Sumulat sa info@example.ph.', 'Sasagot kami.']],
  ],
  ru: [
    ['Мы требуем: 1. Мира, 2. Хлеба. Больше ничего.', ['Мы требуем: 1. Мира, 2. Хлеба.', 'Больше ничего.']],
    // A unit after a scale word after a number: `3 млн руб.` ends a sentence like `3 руб.`.
    ['Бюджет составил 3 млн руб. Расходы выросли.', ['Бюджет составил 3 млн руб.', 'Расходы выросли.']],
    ['Пишите на info@example.ru. Мы ответим.', ['Пишите на info@example.ru.', 'Мы ответим.']],
  ],
};

describe.each(Object.entries(CASES) as [LanguageCode, Row[]][])('issue #25 classes in %s', (lang, rows) => {
  test.each(rows)('%s', (text, sentences) => {
    expect(splitSentences(text, lang)).toEqual(sentences);
  });
});
