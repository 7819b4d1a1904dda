/** The sentences of word_in_context: a word, two sentences for one sense of it // two for another. */
export const SENSES = `
bank: I deposited the cheque at the bank. / The bank approved her loan. // We had a picnic on the bank of the river. / The boat drifted toward the muddy bank.
bat: He swung the bat and hit the ball. / She bought a new cricket bat. // A bat flew out of the cave at dusk. / The bat hung upside down from the branch.
bark: The bark of the old oak was rough. / Beetles live under the bark of the tree. // The bark of the dog woke the baby. / We heard a loud bark from the yard.
spring: Flowers bloom in the spring. / We plan to travel next spring. // A spring in the mattress was broken. / The toy jumps when you press its spring.
light: Turn on the light, please. / The light in the hallway flickered. // The box was light enough to carry. / She packed a light bag for the weekend.
match: He lit the candle with a match. / The match burned down to his fingers. // Our team won the match on Saturday. / The tennis match lasted three hours.
ring: She wore a gold ring on her finger. / He lost his wedding ring at the beach. // I heard the phone ring twice. / The doorbell will ring when the guests arrive.
fair: The judge was fair to both sides. / It is not fair to punish everyone. // We rode the big wheel at the fair. / The county fair opens in August.
rock: He sat on a large rock by the sea. / The climber gripped the rock. // Rock the baby gently to sleep. / The waves made the boat rock.
seal: A seal lay on the ice in the sun. / The seal caught a fish. // Please seal the envelope. / They used tape to seal the box.
watch: He checked his watch and left. / My watch stopped at noon. // We watch the news every evening. / Watch the road while you drive.
pitch: The players ran onto the pitch. / The pitch was wet after the rain. // The singer could not reach the high pitch. / Her voice rose in pitch when she was nervous.
letter: I wrote a letter to my aunt. / The letter arrived a week late. // The word starts with the letter B. / Write each letter of your name clearly.
file: Save the file before closing the program. / The file was too large to email. // She used a file to smooth her nails. / He sharpened the blade with a metal file.
key: I lost the key to the front door. / This key opens the garage. // Practice is the key to success. / Trust is the key to a good team.
plant: Water the plant on the windowsill. / The plant grew toward the light. // The car plant employs two thousand people. / The power plant was shut down.
table: Put the plates on the table. / We bought a wooden kitchen table. // The table shows the results of the survey. / Each row of the table lists a country.
train: We took the train to the coast. / The train was delayed by snow. // They train every morning before work. / It takes months to train a guide dog.
mouse: The cat chased a mouse under the sofa. / A mouse nibbled the cheese. // Click the left button of the mouse. / My computer mouse needs a new battery.
crane: A crane lifted the steel beams. / The crane towered over the building site. // A crane waded through the marsh. / The crane spread its long wings.
pen: Sign the form with a blue pen. / My pen ran out of ink. // The sheep were kept in a pen. / The farmer built a pen for the pigs.
date: What is the date today? / Write the date at the top of the page. // He added a chopped date to the salad. / She ate a sweet date from the bowl.
band: The band played until midnight. / She sings in a rock band. // He tied his hair with a rubber band. / The hat had a black band around it.
scale: Weigh the flour on the kitchen scale. / The scale showed five kilos. // The scale of the disaster was huge. / They underestimated the scale of the problem.
star: A bright star shone over the hill. / We saw a shooting star last night. // The film star waved to the fans. / She became a star after her first album.
current: The current swept the swimmer out to sea. / The current of the river was strong. // The current price of bread is high. / Who is the current president of the club?
cell: The prisoner paced his cell. / The cell had one small window. // Every living cell needs energy. / A red blood cell was seen under the microscope.
fan: Turn on the fan, it is hot. / The ceiling fan spun slowly. // He is a big fan of jazz. / A fan asked the singer for a photo.
note: She left a note on the fridge. / I made a note of his number. // The pianist held the last note. / He sang a high note.
palm: She read the lines on his palm. / He held the coin in his palm. // A palm grew beside the beach hut. / Coconuts fell from the palm.
glass: He drank a glass of water. / She raised her glass to the couple. // The vase was made of glass. / The glass in the window cracked in the cold.
club: He joined the chess club. / The club meets on Tuesdays. // The guard swung a heavy club. / The caveman carried a wooden club.
capital: Paris is the capital of France. / The capital was crowded with tourists. // They needed more capital to start the business. / The company raised capital from investors.
wave: A huge wave hit the rocks. / The surfer rode the wave to shore. // Give grandma a wave from the window. / She answered with a friendly wave.
trunk: The elephant lifted its trunk. / The trunk of the baby elephant was short. // Put the bags in the trunk of the car. / The car trunk was full of tools.
nail: He hammered a nail into the wall. / The picture hung on a rusty nail. // She painted each nail red. / He broke a nail while climbing.
bow: She tied a bow in her hair. / The gift had a red bow on top. // The archer drew his bow. / He made a bow from a yew branch.
sink: Put the dishes in the sink. / The kitchen sink is blocked. // Stones sink in water. / The ship began to sink.
coach: The coach shouted at the players. / Our coach planned the training. // We travelled by coach to London. / The coach left the station at nine.
kind: She is kind to everyone. / It was kind of you to help. // What kind of music do you like? / This kind of tree grows fast.
`;
