/**
 * A templated natural-language corpus for the translation-memory bench: problem-statement
 * sentences built from templates × vocabulary lists, in English (the source) and four target
 * languages, so that stored translations look like translations and new sentences resemble
 * stored ones the way a new revision of a statement resembles an old one (same phrasing,
 * other nouns and numbers). Grammatical agreement in the targets is not attempted: only the
 * English side is searched.
 */

export const CORPUS_TARGETS = ['es', 'fr', 'ru', 'ko'] as const;
export type CorpusLang = 'en' | (typeof CORPUS_TARGETS)[number];

type Slot = 'thing' | 'adj' | 'item';
type Forms = Record<CorpusLang, string>;

const w = (en: string, es: string, fr: string, ru: string, ko: string): Forms => ({ en, es, fr, ru, ko });

export const VOCABULARY: Record<Slot, Forms[]> = {
  thing: [
    w('array', 'arreglo', 'tableau', 'массив', '배열'),
    w('grid', 'cuadrícula', 'grille', 'сетка', '격자'),
    w('string', 'cadena', 'chaîne', 'строка', '문자열'),
    w('tree', 'árbol', 'arbre', 'дерево', '트리'),
    w('graph', 'grafo', 'graphe', 'граф', '그래프'),
    w('sequence', 'secuencia', 'suite', 'последовательность', '수열'),
    w('matrix', 'matriz', 'matrice', 'матрица', '행렬'),
    w('queue', 'cola', 'file', 'очередь', '큐'),
    w('board', 'tablero', 'plateau', 'доска', '판'),
    w('garden', 'jardín', 'jardin', 'сад', '정원'),
    w('warehouse', 'almacén', 'entrepôt', 'склад', '창고'),
    w('kingdom', 'reino', 'royaume', 'королевство', '왕국'),
    w('library', 'biblioteca', 'bibliothèque', 'библиотека', '도서관'),
    w('city', 'ciudad', 'ville', 'город', '도시'),
    w('playlist', 'lista de reproducción', 'liste de lecture', 'плейлист', '재생 목록'),
    w('necklace', 'collar', 'collier', 'ожерелье', '목걸이'),
  ],
  adj: [
    w('largest', 'mayor', 'plus grand', 'наибольший', '가장 큰'),
    w('smallest', 'menor', 'plus petit', 'наименьший', '가장 작은'),
    w('first', 'primer', 'premier', 'первый', '첫 번째'),
    w('last', 'último', 'dernier', 'последний', '마지막'),
    w('longest', 'más largo', 'plus long', 'самый длинный', '가장 긴'),
    w('shortest', 'más corto', 'plus court', 'самый короткий', '가장 짧은'),
    w('heaviest', 'más pesado', 'plus lourd', 'самый тяжёлый', '가장 무거운'),
    w('lightest', 'más ligero', 'plus léger', 'самый лёгкий', '가장 가벼운'),
    w('oldest', 'más antiguo', 'plus ancien', 'самый старый', '가장 오래된'),
    w('newest', 'más nuevo', 'plus récent', 'самый новый', '가장 새로운'),
    w('highest', 'más alto', 'plus haut', 'самый высокий', '가장 높은'),
    w('lowest', 'más bajo', 'plus bas', 'самый низкий', '가장 낮은'),
    w('cheapest', 'más barato', 'moins cher', 'самый дешёвый', '가장 싼'),
    w('fastest', 'más rápido', 'plus rapide', 'самый быстрый', '가장 빠른'),
    w('brightest', 'más brillante', 'plus brillant', 'самый яркий', '가장 밝은'),
    w('rarest', 'más raro', 'plus rare', 'самый редкий', '가장 드문'),
  ],
  item: [
    w('numbers', 'números', 'nombres', 'чисел', '수'),
    w('letters', 'letras', 'lettres', 'букв', '글자'),
    w('cells', 'celdas', 'cases', 'клеток', '칸'),
    w('nodes', 'nodos', 'nœuds', 'вершин', '노드'),
    w('edges', 'aristas', 'arêtes', 'рёбер', '간선'),
    w('cards', 'cartas', 'cartes', 'карт', '카드'),
    w('coins', 'monedas', 'pièces', 'монет', '동전'),
    w('stones', 'piedras', 'pierres', 'камней', '돌'),
    w('boxes', 'cajas', 'boîtes', 'коробок', '상자'),
    w('books', 'libros', 'livres', 'книг', '책'),
    w('towers', 'torres', 'tours', 'башен', '탑'),
    w('robots', 'robots', 'robots', 'роботов', '로봇'),
    w('students', 'estudiantes', 'élèves', 'студентов', '학생'),
    w('lamps', 'lámparas', 'lampes', 'ламп', '램프'),
    w('flowers', 'flores', 'fleurs', 'цветов', '꽃'),
    w('songs', 'canciones', 'chansons', 'песен', '노래'),
  ],
};

/** `{thing}`, `{adj}`, `{item}` and `{num}` are filled from the lists (and a number). */
export const TEMPLATES: Forms[] = [
  w('The {thing} contains {num} {item}.', 'El {thing} contiene {num} {item}.', 'Le {thing} contient {num} {item}.', '{thing} содержит {num} {item}.', '{thing}에는 {item} {num}개가 있습니다.'),
  w('Print the {adj} of the {item} in the {thing}.', 'Imprime el {adj} de los {item} en el {thing}.', 'Affichez le {adj} des {item} du {thing}.', 'Выведите {adj} из {item} в {thing}.', '{thing}에 있는 {item} 중 {adj} 것을 출력하세요.'),
  w('Each of the next {num} lines describes one of the {item}.', 'Cada una de las siguientes {num} líneas describe una de las {item}.', 'Chacune des {num} lignes suivantes décrit une des {item}.', 'Каждая из следующих {num} строк описывает одну из {item}.', '다음 {num}개의 줄은 각각 {item} 하나를 설명합니다.'),
  w('Find the {adj} {thing} that contains at least {num} {item}.', 'Encuentra el {thing} {adj} que contiene al menos {num} {item}.', 'Trouvez le {thing} le {adj} qui contient au moins {num} {item}.', 'Найдите {adj} {thing}, содержащий не менее {num} {item}.', '{item}을 {num}개 이상 포함하는 {adj} {thing}을 찾으세요.'),
  w('You are given a {thing} of {num} {item}, numbered from one to {num}.', 'Se te da un {thing} de {num} {item}, numerados de uno a {num}.', 'On vous donne un {thing} de {num} {item}, numérotés de un à {num}.', 'Дан {thing} из {num} {item}, пронумерованных от одного до {num}.', '1부터 {num}까지 번호가 매겨진 {item} {num}개로 이루어진 {thing}이 주어집니다.'),
  w('Count how many {item} remain in the {thing} after {num} moves.', 'Cuenta cuántos {item} quedan en el {thing} después de {num} movimientos.', 'Comptez combien de {item} restent dans le {thing} après {num} coups.', 'Посчитайте, сколько {item} останется в {thing} после {num} ходов.', '{num}번 움직인 뒤 {thing}에 남은 {item}의 수를 세세요.'),
  w('It is guaranteed that the {thing} has at most {num} {item}.', 'Se garantiza que el {thing} tiene como máximo {num} {item}.', 'Il est garanti que le {thing} a au plus {num} {item}.', 'Гарантируется, что в {thing} не более {num} {item}.', '{thing}에는 {item}이 최대 {num}개임이 보장됩니다.'),
  w('Alice removes the {adj} of the {item} from the {thing} on every turn.', 'Alicia quita el {adj} de los {item} del {thing} en cada turno.', 'Alice retire le {adj} des {item} du {thing} à chaque tour.', 'Алиса каждый ход убирает {adj} из {item} с {thing}.', '앨리스는 매 턴마다 {thing}에서 {adj} {item}을 제거합니다.'),
  w('Two {item} are connected if they share a side of the {thing}.', 'Dos {item} están conectados si comparten un lado del {thing}.', 'Deux {item} sont reliés s’ils partagent un côté du {thing}.', 'Два из {item} связаны, если у них общая сторона {thing}.', '두 {item}이 {thing}의 한 변을 공유하면 연결되어 있습니다.'),
  w('Sort the {item} by weight and keep the {adj} {num} of them.', 'Ordena los {item} por peso y conserva los {num} {adj}.', 'Triez les {item} par poids et gardez les {num} {adj}.', 'Отсортируйте {item} по весу и оставьте {num} {adj}.', '{item}을 무게순으로 정렬하고 {adj} {num}개를 남기세요.'),
  w('Bob wants to visit all {item} of the {thing} in the {adj} order.', 'Bob quiere visitar todos los {item} del {thing} en el orden {adj}.', 'Bob veut visiter tous les {item} du {thing} dans l’ordre le {adj}.', 'Боб хочет обойти все {item} {thing} в порядке «{adj}».', '밥은 {thing}의 모든 {item}을 {adj} 순서로 방문하려고 합니다.'),
  w('Every {thing} in the input contains between one and {num} {item}.', 'Cada {thing} de la entrada contiene entre uno y {num} {item}.', 'Chaque {thing} de l’entrée contient entre un et {num} {item}.', 'Каждый {thing} во входных данных содержит от одного до {num} {item}.', '입력의 모든 {thing}에는 {item}이 1개 이상 {num}개 이하 있습니다.'),
  w('In one operation you may swap two adjacent {item} of the {thing}.', 'En una operación puedes intercambiar dos {item} adyacentes del {thing}.', 'En une opération, vous pouvez échanger deux {item} voisins du {thing}.', 'За одну операцию можно поменять местами два соседних из {item} в {thing}.', '한 번의 연산으로 {thing}의 인접한 두 {item}을 바꿀 수 있습니다.'),
  w('Determine whether the {thing} can be split into {num} groups of {item}.', 'Determina si el {thing} puede dividirse en {num} grupos de {item}.', 'Déterminez si le {thing} peut être divisé en {num} groupes de {item}.', 'Определите, можно ли разбить {thing} на {num} групп {item}.', '{thing}을 {item} {num}개 묶음으로 나눌 수 있는지 판단하세요.'),
  w('The {adj} {item} are placed at the corners of the {thing}.', 'Los {item} {adj} se colocan en las esquinas del {thing}.', 'Les {item} les {adj} sont placés aux coins du {thing}.', '{adj} из {item} стоят в углах {thing}.', '{adj} {item}은 {thing}의 모서리에 놓입니다.'),
  w('For each query, report the {adj} of the {item} between two positions of the {thing}.', 'Para cada consulta, informa el {adj} de los {item} entre dos posiciones del {thing}.', 'Pour chaque requête, indiquez le {adj} des {item} entre deux positions du {thing}.', 'Для каждого запроса сообщите {adj} из {item} между двумя позициями {thing}.', '각 질의마다 {thing}의 두 위치 사이에 있는 {item} 중 {adj} 것을 보고하세요.'),
  w('There are {num} {item} standing in a row along the {thing}.', 'Hay {num} {item} en fila a lo largo del {thing}.', 'Il y a {num} {item} alignés le long du {thing}.', 'Вдоль {thing} в ряд стоят {num} {item}.', '{thing}을 따라 {item} {num}개가 한 줄로 서 있습니다.'),
  w('Note that the {item} in the {thing} may repeat.', 'Ten en cuenta que los {item} del {thing} pueden repetirse.', 'Notez que les {item} du {thing} peuvent se répéter.', 'Обратите внимание, что {item} в {thing} могут повторяться.', '{thing}의 {item}은 중복될 수 있다는 점에 유의하세요.'),
  w('Explain why the {adj} of the {item} can never leave the {thing}.', 'Explica por qué el {adj} de los {item} nunca puede salir del {thing}.', 'Expliquez pourquoi le {adj} des {item} ne peut jamais quitter le {thing}.', 'Объясните, почему {adj} из {item} никогда не покинет {thing}.', '{adj} {item}이 왜 {thing}을 절대 떠날 수 없는지 설명하세요.'),
  w('After the {num}th day the {thing} closes and all {item} are sold.', 'Después del día {num} el {thing} cierra y se venden todos los {item}.', 'Après le {num}e jour, le {thing} ferme et tous les {item} sont vendus.', 'После {num}-го дня {thing} закрывается и все {item} продаются.', '{num}일째가 지나면 {thing}이 닫히고 모든 {item}이 팔립니다.'),
];

/**
 * Clauses some sentences end with (index 0: none), replacing the template's final full stop:
 * they multiply the sentence shapes the way real statements vary a familiar sentence.
 */
export const TAILS: Forms[] = [
  w('.', '.', '.', '.', '.'),
  w(', and the answer always exists.', ', y la respuesta siempre existe.', ', et la réponse existe toujours.', ', и ответ всегда существует.', '. 답은 항상 존재합니다.'),
  w(' within {num} milliseconds.', ' en {num} milisegundos.', ' en {num} millisecondes.', ' за {num} миллисекунд.', '. 제한 시간은 {num}밀리초입니다.'),
  w(', unless the input is empty.', ', a menos que la entrada esté vacía.', ', sauf si l’entrée est vide.', ', если только вход не пуст.', '. 단, 입력이 비어 있으면 예외입니다.'),
  w(' using as little memory as possible.', ' usando la menor memoria posible.', ' en utilisant le moins de mémoire possible.', ', используя как можно меньше памяти.', '. 메모리는 가능한 한 적게 사용하세요.'),
  w(', as shown in the first example.', ', como se muestra en el primer ejemplo.', ', comme le montre le premier exemple.', ', как показано в первом примере.', '. 첫 번째 예제를 참고하세요.'),
  w(' for every test case separately.', ' para cada caso de prueba por separado.', ' pour chaque test séparément.', ' для каждого теста отдельно.', '. 각 테스트 케이스마다 따로 처리하세요.'),
  w(', modulo {num} if necessary.', ', módulo {num} si es necesario.', ', modulo {num} si nécessaire.', ', по модулю {num}, если нужно.', '. 필요하면 {num}으로 나눈 나머지를 사용하세요.'),
  w(' before the judges ring the bell.', ' antes de que los jueces toquen la campana.', ' avant que les juges sonnent la cloche.', ' до того, как судьи позвонят в колокол.', '. 심판이 종을 울리기 전에 끝내야 합니다.'),
  w(', even if some of them are broken.', ', aunque algunos estén rotos.', ', même si certains sont cassés.', ', даже если некоторые из них сломаны.', '. 일부가 망가져 있어도 마찬가지입니다.'),
  w(' in non-decreasing order of their labels.', ' en orden no decreciente de sus etiquetas.', ' dans l’ordre croissant de leurs étiquettes.', ' в порядке неубывания их меток.', '. 레이블의 오름차순으로 처리하세요.'),
];

/** The sentence of template `t` with tail `tail` and the given vocabulary indexes, in one language. */
export function sentence(lang: CorpusLang, t: number, tail: number, thing: number, adj: number, item: number, num: number): string {
  return (TEMPLATES[t][lang].replace(/\.$/, '') + TAILS[tail][lang])
    .replaceAll('{thing}', VOCABULARY.thing[thing][lang])
    .replaceAll('{adj}', VOCABULARY.adj[adj][lang])
    .replaceAll('{item}', VOCABULARY.item[item][lang])
    .replaceAll('{num}', String(num));
}

/** The lists as SQL arrays take them: per language, templates and each slot's words. */
export function corpusArrays(lang: CorpusLang): { templates: string[]; tails: string[]; thing: string[]; adj: string[]; item: string[] } {
  return {
    templates: TEMPLATES.map((f) => f[lang].replace(/\.$/, '')),
    tails: TAILS.map((f) => f[lang]),
    thing: VOCABULARY.thing.map((f) => f[lang]),
    adj: VOCABULARY.adj.map((f) => f[lang]),
    item: VOCABULARY.item.map((f) => f[lang]),
  };
}
