/**
 * translation_en-de, translation_en-es, translation_en-fr: an English word → the word in German,
 * Spanish or French, from one word list written for ape. Every common translation of a word is
 * listed and counts (exact_match against any of them), as the original data's
 * `possible_translations` do.
 */
import type { Pair, TaskSpec } from "./build.js";

/**
 * One English word a line: `english: german | spanish | french`; alternatives within a language
 * are separated by "/". German nouns are capitalised, as German writes them.
 */
const WORDS = `
house: Haus | casa | maison
dog: Hund | perro | chien
cat: Katze | gato | chat
water: Wasser | agua | eau
bread: Brot | pan | pain
book: Buch | libro | livre
tree: Baum | árbol | arbre
sun: Sonne | sol | soleil
moon: Mond | luna | lune
star: Stern | estrella | étoile
car: Auto/Wagen | coche/carro/auto | voiture/auto
city: Stadt | ciudad | ville
school: Schule | escuela/colegio | école
window: Fenster | ventana | fenêtre
door: Tür | puerta | porte
table: Tisch | mesa | table
chair: Stuhl | silla | chaise
friend: Freund/Freundin | amigo/amiga | ami/amie
mother: Mutter | madre | mère
father: Vater | padre | père
brother: Bruder | hermano | frère
sister: Schwester | hermana | sœur
child: Kind | niño/niña | enfant
woman: Frau | mujer | femme
man: Mann | hombre | homme
day: Tag | día | jour/journée
night: Nacht | noche | nuit
week: Woche | semana | semaine
year: Jahr | año | an/année
hour: Stunde | hora | heure
time: Zeit | tiempo | temps
world: Welt | mundo | monde
country: Land | país | pays
river: Fluss | río | rivière/fleuve
sea: Meer/See | mar | mer
mountain: Berg | montaña | montagne
forest: Wald | bosque | forêt
flower: Blume | flor | fleur
apple: Apfel | manzana | pomme
milk: Milch | leche | lait
cheese: Käse | queso | fromage
egg: Ei | huevo | œuf
fish: Fisch | pez/pescado | poisson
bird: Vogel | pájaro/ave | oiseau
horse: Pferd | caballo | cheval
cow: Kuh | vaca | vache
key: Schlüssel | llave | clé/clef
money: Geld | dinero | argent
letter: Brief/Buchstabe | carta/letra | lettre
word: Wort | palabra | mot
language: Sprache | idioma/lengua | langue/langage
question: Frage | pregunta | question
answer: Antwort | respuesta | réponse
song: Lied | canción | chanson
game: Spiel | juego/partido | jeu/partie
work: Arbeit | trabajo | travail
kitchen: Küche | cocina | cuisine
garden: Garten | jardín | jardin
street: Straße | calle | rue
bridge: Brücke | puente | pont
church: Kirche | iglesia | église
train: Zug | tren | train
ship: Schiff | barco/buque | navire/bateau
bed: Bett | cama | lit
shoe: Schuh | zapato | chaussure
hat: Hut | sombrero | chapeau
head: Kopf | cabeza | tête
hand: Hand | mano | main
eye: Auge | ojo | œil
heart: Herz | corazón | cœur
rain: Regen | lluvia | pluie
snow: Schnee | nieve | neige
wind: Wind | viento | vent
fire: Feuer | fuego | feu
summer: Sommer | verano | été
winter: Winter | invierno | hiver
morning: Morgen/Vormittag | mañana | matin/matinée
evening: Abend | tarde/noche | soir/soirée
doctor: Arzt/Ärztin/Doktor | médico/médica/doctor | médecin/docteur
teacher: Lehrer/Lehrerin | maestro/maestra/profesor/profesora | professeur/enseignant/enseignante
king: König | rey | roi
queen: Königin | reina | reine
village: Dorf | pueblo/aldea | village
island: Insel | isla | île
glass: Glas | vaso/vidrio | verre
salt: Salz | sal | sel
sugar: Zucker | azúcar | sucre
meat: Fleisch | carne | viande
wine: Wein | vino | vin
beer: Bier | cerveza | bière
coffee: Kaffee | café | café
tea: Tee | té | thé
clock: Uhr | reloj | horloge/pendule
picture: Bild | cuadro/imagen/foto | image/tableau/photo
colour: Farbe | color | couleur
name: Name | nombre | nom
price: Preis | precio | prix
shop: Laden/Geschäft | tienda | magasin/boutique
market: Markt | mercado | marché
bank: Bank | banco | banque
road: Straße/Weg | carretera/camino | route/chemin
floor: Boden/Stock | suelo/piso | sol/plancher/étage
wall: Wand/Mauer | pared/muro | mur
paper: Papier | papel | papier
pen: Stift/Kugelschreiber | bolígrafo/pluma | stylo
knife: Messer | cuchillo | couteau
spoon: Löffel | cuchara | cuillère/cuiller
plate: Teller | plato | assiette
cup: Tasse | taza | tasse
bottle: Flasche | botella | bouteille
big: groß | grande | grand/gros
small: klein | pequeño | petit
new: neu | nuevo | nouveau/neuf
old: alt | viejo/antiguo | vieux/ancien
good: gut | bueno | bon
bad: schlecht | malo | mauvais
hot: heiß | caliente | chaud
cold: kalt | frío | froid
fast: schnell | rápido | rapide
slow: langsam | lento | lent
happy: glücklich/froh | feliz/contento | heureux/content
sad: traurig | triste | triste
beautiful: schön | hermoso/bonito/bello | beau/belle
young: jung | joven | jeune
long: lang | largo | long
short: kurz | corto | court
easy: einfach/leicht | fácil | facile
difficult: schwierig/schwer | difícil | difficile
strong: stark | fuerte | fort
weak: schwach | débil | faible
full: voll | lleno | plein
empty: leer | vacío | vide
red: rot | rojo | rouge
green: grün | verde | vert
blue: blau | azul | bleu
black: schwarz | negro | noir
white: weiß | blanco | blanc
yellow: gelb | amarillo | jaune
eat: essen | comer | manger
drink: trinken | beber/tomar | boire
sleep: schlafen | dormir | dormir
write: schreiben | escribir | écrire
read: lesen | leer | lire
speak: sprechen | hablar | parler
go: gehen | ir | aller
come: kommen | venir | venir
see: sehen | ver | voir
give: geben | dar | donner
buy: kaufen | comprar | acheter
sell: verkaufen | vender | vendre
sing: singen | cantar | chanter
dance: tanzen | bailar | danser
learn: lernen | aprender | apprendre
help: helfen | ayudar | aider
run: laufen/rennen | correr | courir
swim: schwimmen | nadar | nager
play: spielen | jugar/tocar | jouer
find: finden | encontrar/hallar | trouver
always: immer | siempre | toujours
never: nie/niemals | nunca/jamás | jamais
today: heute | hoy | aujourd'hui
tomorrow: morgen | mañana | demain
yesterday: gestern | ayer | hier
here: hier | aquí/acá | ici
now: jetzt/nun | ahora | maintenant
`;

/** The languages, in the order of the columns above. */
const LANGUAGES = [
  { code: "de", name: "German" },
  { code: "es", name: "Spanish" },
  { code: "fr", name: "French" },
] as const;

/** The table above: English word → one list of acceptable translations per language. */
function table(): { english: string; translations: string[][] }[] {
  const seen = new Set<string>();
  return WORDS.trim()
    .split("\n")
    .map((line) => {
      const [english = "", rest = ""] = line.split(": ");
      const translations = rest.split(" | ").map((cell) => cell.split("/"));
      if (seen.has(english) || translations.length !== LANGUAGES.length || translations.some((t) => t.some((w) => w === "")))
        throw new Error(`translation: bad or repeated line "${line}"`);
      seen.add(english);
      return { english, translations };
    });
}

function translation(column: number): TaskSpec {
  const language = LANGUAGES[column] ?? LANGUAGES[0];
  return {
    name: `translation_en-${language.code}`,
    description: `Translate the English word into ${language.name}.`,
    references: [`Translate the English word into ${language.name}.`, `Give the ${language.name} word for the English word.`],
    pairs: table().map(({ english, translations }): Pair => {
      const words = translations[column] ?? [];
      return { input: english, output: words.length === 1 ? (words[0] ?? "") : words };
    }),
  };
}

/** An English word → its German translations. */
export function translationEnDe(): TaskSpec {
  return translation(0);
}

/** An English word → its Spanish translations. */
export function translationEnEs(): TaskSpec {
  return translation(1);
}

/** An English word → its French translations. */
export function translationEnFr(): TaskSpec {
  return translation(2);
}
