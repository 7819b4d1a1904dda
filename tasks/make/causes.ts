/** cause_and_effect: two sentences, one causing the other → the cause, from pairs written for ape. */
import { randomFor, type Pair, type TaskSpec } from "./build.js";

/** Who the sentences are about; each fills the "{n}" of every pair below. */
const NAMES = ["Anna", "Ben", "Maria", "Tom"];

/** "cause | effect", one pair a line. */
const PAIRS = `
{n} forgot to set an alarm. | {n} was late for work.
{n} left the ice cream in the sun. | The ice cream melted.
{n} did not water the plants for weeks. | The plants died.
{n} studied hard for the exam. | {n} passed the exam.
{n} ate a whole pizza at midnight. | {n} had a stomachache the next morning.
{n} dropped the glass on the tile floor. | The glass shattered.
{n} left the car window open during the storm. | The car seat got soaked.
{n} forgot to pay the electricity bill. | The power to {n}'s house was cut off.
{n} ran a marathon yesterday. | {n}'s legs are sore today.
{n} stayed up all night watching films. | {n} fell asleep during the meeting.
{n} left the oven on for hours. | The cake burned.
{n} trained every day for a year. | {n} won the race.
{n} touched the hot stove. | {n} burned a finger.
{n} did not wear a coat in the snow. | {n} caught a cold.
{n} missed the last bus. | {n} had to walk home.
{n} lost the house key. | {n} was locked out of the house.
{n} planted tomato seeds in the spring. | {n} picked tomatoes in the summer.
{n} spilled coffee on the laptop. | The laptop stopped working.
{n} told a very funny joke. | Everyone at the table laughed.
{n} saved money every month for years. | {n} was able to buy a house.
{n} stepped on a rake in the garden. | The handle hit {n} in the face.
{n} left the garden gate open. | The dog ran away.
{n} forgot to charge the phone. | {n}'s phone died in the afternoon.
{n} added too much salt to the soup. | Nobody wanted to eat the soup.
{n} drove far above the speed limit. | {n} got a speeding ticket.
{n} practised the piano every evening. | {n} played perfectly at the concert.
{n} skipped breakfast and lunch. | {n} felt faint by the afternoon.
{n} sat in the sun all day without sunscreen. | {n} got a bad sunburn.
{n} apologised for the rude comment. | {n}'s friend accepted the apology.
{n} shook the soda bottle before opening it. | Soda sprayed all over the kitchen.
{n} left the milk out of the fridge for a week. | The milk went sour.
{n} kicked the ball through the window. | The window broke.
{n} was promoted to manager. | {n} got a higher salary.
{n} forgot a friend's birthday. | The friend felt hurt.
{n} overslept on the day of the flight. | {n} missed the plane.
{n} wore new shoes on a long hike. | {n} got blisters on both feet.
{n} played loud music late at night. | The neighbours complained about the noise.
{n} fed the cat twice as much as usual. | The cat gained weight.
{n} left a candle burning near the curtain. | The curtain caught fire.
{n} sent the email to the wrong person. | A stranger read {n}'s private message.
`;

/** "Sentence 1: … Sentence 2: …" (in a seeded order) → the sentence that is the cause. */
export function causeAndEffect(): TaskSpec {
  const random = randomFor("cause_and_effect");
  const all: Pair[] = [];
  for (const line of PAIRS.trim().split("\n")) {
    const [cause, effect] = line.split(" | ") as [string, string];
    for (const name of NAMES) {
      const c = cause.replaceAll("{n}", name);
      const e = effect.replaceAll("{n}", name);
      const [a, b] = random() < 0.5 ? [c, e] : [e, c];
      all.push({ input: `Sentence 1: ${a} Sentence 2: ${b}`, output: c });
    }
  }
  return {
    name: "cause_and_effect",
    description: "Of two sentences, one the cause of the other, write the cause.",
    references: ["Find which of the two sentences is the cause and write it.", "Write the sentence that caused the other one."],
    pairs: all,
  };
}
