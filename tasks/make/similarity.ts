/**
 * sentence_similarity: two sentences → how alike their meanings are, "0 - definitely not" to
 * "5 - perfectly". Every pair and its label was written and judged by hand for ape (in the spirit
 * of the STS scale: 5 the same meaning in other words, 4 a minor detail differs, 3 roughly the
 * same with something important missing, 2 some details shared, 1 the same topic but not the same
 * claim, 0 unrelated). Pairs were chosen so that no surface rule gets the labels: paraphrases that
 * share few words score high, and pairs that share most words (swapped roles, opposites, a word
 * with two meanings) score low.
 */
import { randomFor, type Pair, type TaskSpec } from "./build.js";

const LABELS = ["0 - definitely not", "1 - probably not", "2 - possibly", "3 - probably", "4 - almost perfectly", "5 - perfectly"];

/** One pair a line, `label | sentence | sentence`. */
const PAIRS = `
5 | The meeting was moved to next Tuesday. | They rescheduled the meeting for next Tuesday.
5 | She bought a new bicycle yesterday. | Yesterday she purchased a new bike.
5 | The store closes at nine in the evening. | The shop shuts at 9 p.m.
5 | Tom is taller than his brother. | Tom's brother is shorter than Tom.
5 | The children fell asleep during the film. | The kids dozed off while the movie was playing.
5 | Nobody came to the party. | The party had no guests at all.
5 | The train left before we reached the station. | By the time we got to the station, the train had gone.
5 | He forgot to lock the front door. | He didn't remember to lock the front door.
5 | The soup is too salty. | There is too much salt in the soup.
5 | My phone's battery is dead. | My phone has run out of battery.
5 | The museum is free on Sundays. | On Sundays you can visit the museum without paying.
5 | The cat is sleeping on the sofa. | On the sofa, the cat is asleep.
5 | It rained all day in Paris. | In Paris it rained from morning to night.
5 | The doctor told him to rest. | He was advised by the doctor to get some rest.
5 | Anna finished the report on time. | Anna completed the report by the deadline.
5 | The road is closed for repairs. | The road has been shut so that it can be repaired.
5 | I have never been to Japan. | I have not visited Japan even once.
5 | The lecture was cancelled. | The lecture will not take place.
5 | Half of the students passed the exam. | Fifty percent of the students got through the test.
5 | The package arrived two days late. | The parcel was delivered two days after it was due.
5 | The football match ended in a draw. | Neither team won the match.
5 | The price of bread went up. | Bread has become more expensive.
5 | The film starts at eight. | The movie begins at 8 o'clock.
5 | He sold his old car to a neighbour. | A neighbour bought his old car from him.
5 | The lake froze over last night. | During the night the lake froze.
5 | We missed the bus by a minute. | The bus left one minute before we got there.
4 | The chef cooked pasta for twenty guests on Friday. | The chef made pasta for the guests on Friday.
4 | A small plane landed safely in a field near the town. | A plane landed safely in a field.
4 | The company hired five new engineers this month. | The company took on new engineers this month.
4 | Maria painted the kitchen walls a pale yellow. | Maria painted the kitchen walls yellow.
4 | The old man walked his dog in the park. | An elderly man was walking his dog in the park this morning.
4 | The team won the final three to one. | The team won the final.
4 | Heavy rain flooded several streets downtown. | Several downtown streets were flooded after a storm.
4 | Sam fixed the leaking tap in the bathroom. | Sam repaired the tap.
4 | The museum opened a new exhibition about ancient Egypt. | A new exhibition on Egypt opened at the museum.
4 | The president will visit Canada next week. | The president is going to travel to Canada soon.
4 | Two boys are playing football on the beach. | Some boys are playing soccer on the sand.
4 | A woman is slicing an onion. | A woman is cutting up an onion with a knife.
4 | The flight to Rome was delayed by three hours. | The Rome flight was delayed for several hours.
4 | The library will stay open until midnight during exams. | During exam period the library is open late.
4 | Our neighbours adopted a grey kitten. | The people next door adopted a kitten.
4 | The baker sells fresh bread every morning. | Fresh bread is sold at the bakery each day.
4 | He apologised for arriving late to the meeting. | He said sorry for being late.
4 | The river burst its banks after a week of rain. | The river flooded after days of rain.
4 | A man is playing a guitar on stage. | A man is performing a song on his guitar.
4 | The students planted trees along the school fence. | The pupils planted trees at the school.
4 | She sent the letter by express post. | She mailed the letter.
4 | The factory will close in March, cutting 200 jobs. | The factory is to shut in March with the loss of jobs.
4 | A child is riding a red bicycle down the hill. | A kid rides a bike down a hill.
4 | The bank raised interest rates by half a point. | The bank increased interest rates slightly.
4 | The hikers reached the summit before noon. | The walkers got to the top of the mountain in the morning.
4 | The singer cancelled her concert because of a cold. | The singer called off her show as she was ill.
3 | The mayor opened the new library on Monday. | The new library opened this week.
3 | A man is cutting a tomato. | A man is chopping vegetables.
3 | The company's profits doubled last year. | The company made much more money last year.
3 | A dog is running through the snow. | An animal is running outside.
3 | Lisa moved from London to Berlin for work. | Lisa now lives in Germany.
3 | The school will start lessons an hour later in winter. | The school changes its timetable in winter.
3 | Three people were injured in the crash on the motorway. | There was an accident on the motorway.
3 | The council plans to build a new swimming pool. | A new sports centre may be built in the town.
3 | A girl is brushing her teeth. | A child is getting ready for bed.
3 | He quit his job to travel around Asia. | He left his job.
3 | The concert was sold out within an hour. | The concert was very popular.
3 | The minister resigned after the scandal. | The minister left office.
3 | A woman is playing the piano. | A woman is playing a musical instrument.
3 | Our train was cancelled, so we took a taxi. | We got a taxi.
3 | The storm knocked down power lines across the region. | Many homes lost electricity.
3 | The boy broke the window with a football. | The window was broken.
3 | Scientists found water ice on the moon. | Scientists made a discovery about the moon.
3 | The restaurant was closed for a health inspection. | The restaurant was shut for a day.
3 | A man is slicing bread in a kitchen. | Someone is preparing food.
3 | The shop gives a discount to students. | Students pay less at some shops.
3 | The team lost their last three games. | The team has been playing badly.
3 | A cat is chasing a mouse across the floor. | A cat is hunting.
3 | She got a job as a nurse at the city hospital. | She works at a hospital.
3 | The government raised taxes on tobacco. | Cigarettes will cost more.
3 | The bridge was closed after cracks were found. | The bridge is closed.
3 | A man is riding a horse on a beach. | A person is riding an animal.
2 | A man is playing a guitar. | A man is playing a flute.
2 | The cat sat on the mat. | The cat sat on the roof.
2 | Police arrested two men after the robbery. | Two men were questioned about the robbery.
2 | The meeting starts at ten on Monday. | The meeting starts at ten on Thursday.
2 | Sarah flew to Madrid for a conference. | Sarah drove to Madrid to see her sister.
2 | The children built a snowman in the garden. | The children built a sandcastle on the beach.
2 | The shop sells fresh fish. | The shop sells frozen vegetables.
2 | A woman is peeling a potato. | A woman is peeling an orange.
2 | He read the newspaper at breakfast. | He read a novel on the train.
2 | The city built a new bridge over the river. | The city repaired the old bridge over the river.
2 | A dog is swimming in a lake. | A dog is drinking from a lake.
2 | My brother plays tennis on Saturdays. | My brother watches tennis on television.
2 | The bakery sells bread and cakes. | The bakery is hiring new staff.
2 | Students protested against higher fees. | Teachers went on strike over pay.
2 | A boy is climbing a tree. | A boy is climbing a ladder.
2 | Anna moved to Canada last year. | Anna visited Canada last year.
2 | The hotel has a pool on the roof. | The hotel has a restaurant on the roof.
2 | The train to Leeds was late again. | The bus to Leeds was cancelled.
2 | A man is cooking rice. | A man is eating rice.
2 | The museum bought a painting by Monet. | The museum showed a painting by Monet.
2 | The storm closed the airport for a day. | The strike closed the airport for a day.
2 | A woman is writing a letter. | A woman is reading a letter.
2 | The shop is open on Sundays. | The shop is open late on Fridays.
2 | The chef won a cooking competition. | The chef judged a cooking competition.
2 | The puppy chewed my shoes. | The puppy chewed my homework.
2 | He takes the bus to work. | He takes the bus to school.
1 | The company opened an office in Tokyo. | The company closed its office in Tokyo.
1 | The film won an award for its music. | The film was criticised for its music.
1 | The museum bought a painting by Monet. | The museum sold a painting by Monet.
1 | The dog bit the postman. | The postman bit the dog.
1 | Everyone passed the exam. | Nobody passed the exam.
1 | The doors open at seven. | The doors close at seven.
1 | A man is playing football. | A woman is playing tennis.
1 | The weather in Spain was sunny all week. | It snowed in Norway on Tuesday.
1 | Prices in the shop went up. | Prices in the shop went down.
1 | She always drinks tea in the morning. | She never drinks tea in the morning.
1 | The team won the cup. | The team lost the cup final.
1 | The bridge is safe to cross. | The bridge is too dangerous to cross.
1 | A cat is sleeping on a chair. | A dog is barking at the door.
1 | The restaurant serves Italian food. | The restaurant down the road has closed.
1 | He likes his new job. | He hates his new job.
1 | The plane took off on time. | The plane had to land early because of fog.
1 | The children are playing in the garden. | The children are doing homework in their rooms.
1 | The river is clean enough to swim in. | The river is badly polluted.
1 | The new phone is cheaper than the old one. | The new phone costs more than the old one.
1 | A woman is riding a bicycle. | A woman is repairing a car.
1 | The concert was cancelled because of rain. | The concert went ahead despite the rain.
1 | My sister lives near the sea. | My sister has never seen the sea.
1 | The teacher praised the class. | The teacher punished the class.
1 | The shop has plenty of milk. | The shop has run out of milk.
1 | The village voted for the new road. | The village rejected the new road.
1 | A man is slicing an onion. | A man is planting onions.
0 | The chef chopped onions for the soup. | The satellite was launched from a base in French Guiana.
0 | A man is playing the drums. | The committee approved next year's budget.
0 | My grandmother grows tomatoes. | The stock market fell sharply on Monday.
0 | The dog is sleeping by the fire. | Fire crews worked through the night on the motorway.
0 | The bank on the corner has closed. | We had a picnic on the river bank.
0 | He is reading a book in the garden. | She booked a table for two at eight.
0 | The train was full of football fans. | The fan in my office is broken.
0 | Whales migrate thousands of miles each year. | The printer on the second floor needs paper.
0 | The baby is crying in the next room. | The new law comes into force in April.
0 | The light in the kitchen is broken. | This suitcase is very light.
0 | A boy is kicking a ball. | The opera house reopened after repairs.
0 | The river flooded the fields. | The town's mayor writes poems.
0 | Two women are drinking coffee. | Thousands of birds nest on the cliffs.
0 | The match was played in heavy rain. | He struck a match to light the candle.
0 | Mount Everest is the highest mountain on Earth. | Please return your library books by Friday.
0 | He paid the bill with a credit card. | The bird's bill is long and curved.
0 | A dog is catching a frisbee. | The government is debating a new tax.
0 | She waved at the crowd from the stage. | The first stage of the rocket separated early.
0 | The soup needs more salt. | The car needs new tyres.
0 | A man is jogging in the park. | Parking in the city centre is expensive.
0 | The violinist tuned her instrument. | Our flight was delayed by fog.
0 | The glass vase fell off the shelf. | He wears glasses for reading.
0 | The children sang a song at the wedding. | The engine needs oil every few months.
0 | A cat is climbing a tree. | The family tree goes back to 1700.
0 | The computer crashed during the update. | The waves crashed against the rocks.
0 | The farmer is feeding the chickens. | The film festival starts next week.
`;

/** The hand-judged pairs: the two sentences and the label's index (0–5). */
export function judgedPairs(): { first: string; second: string; level: number }[] {
  return PAIRS.trim()
    .split("\n")
    .map((line) => {
      const [level = "", first = "", second = ""] = line.split(" | ");
      if (!/^[0-5]$/.test(level) || !first || !second) throw new Error(`sentence_similarity: bad line "${line}"`);
      return { first, second, level: Number(level) };
    });
}

/** Each judged pair, its sentences in a seeded order, → its label. */
export function sentenceSimilarity(): TaskSpec {
  const random = randomFor("sentence_similarity");
  const pairs = judgedPairs().map(({ first, second, level }): Pair => {
    const [a, b] = random() < 0.5 ? [first, second] : [second, first];
    return { input: `Sentence 1: ${a} Sentence 2: ${b}`, output: LABELS[level] ?? "" };
  });
  if (new Set(pairs.map((p) => p.input)).size !== pairs.length) throw new Error("sentence_similarity: a pair is listed twice");
  return {
    name: "sentence_similarity",
    description: "Rate how similar the meanings of the two sentences are, from 0 (not at all) to 5 (the same).",
    references: [
      'Rate how similar the meanings of the two sentences are on a scale from "0 - definitely not" to "5 - perfectly".',
      "Say how likely it is that the two sentences mean the same thing, from 0 - definitely not to 5 - perfectly.",
    ],
    pairs,
  };
}
