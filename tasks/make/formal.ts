/** informal_to_formal: informal office messages → formal rewrites, from sentence pairs written for ape. */
import type { Pair, TaskSpec } from "./build.js";

/** What the messages are about; each fills the "{x}" of every pair below. */
const DOCUMENTS = ["report", "invoice", "contract", "schedule", "budget", "proposal"];

/** "informal | formal", one pair a line; "{x}" stands for a document. */
const PAIRS = `
hey can u send me the {x}? | Could you please send me the {x}?
gimme the {x} asap | Please give me the {x} as soon as possible.
i gotta check the {x} first | I must review the {x} first.
the {x} is kinda messed up | The {x} contains several errors.
dunno where the {x} went | I do not know where the {x} is.
u got the {x} yet? | Have you received the {x} yet?
lemme look at the {x} later | Allow me to examine the {x} later.
the {x} looks awesome, thx! | The {x} looks excellent. Thank you.
can't make it to the meeting about the {x}, sorry | I apologize, but I will be unable to attend the meeting regarding the {x}.
wanna go over the {x} tmrw? | Would you like to review the {x} tomorrow?
the boss wants the {x} done by friday | The manager has requested that the {x} be completed by Friday.
pls fix the {x} when u get a sec | Please correct the {x} when you have a moment.
i'm totally swamped, the {x} will have to wait | I am extremely busy, so the {x} will have to wait.
who messed up the {x}? | Who is responsible for the errors in the {x}?
no way the {x} is ready already! | I am surprised that the {x} is already complete.
just printed the {x}, grab it whenever | I have printed the {x}; you may collect it at your convenience.
gotta redo the whole {x}, ugh | Unfortunately, the entire {x} must be revised.
can u double-check the {x} for me? | Would you kindly verify the {x} for me?
yeah the {x} is fine, go ahead | Yes, the {x} is acceptable; please proceed.
forgot the {x} at home, my bad | I apologize; I left the {x} at home.
ping me when the {x} is done | Please notify me when the {x} is complete.
the {x} is way too long | The {x} is excessively long.
don't sweat the {x}, i got it | Please do not worry about the {x}; I will take care of it.
any news on the {x}? | Is there any update regarding the {x}?
tell jim the {x} is gonna be late | Please inform Jim that the {x} will be delayed.
we should prob talk about the {x} | We should probably discuss the {x}.
the {x} is super important, don't lose it | The {x} is very important; please do not lose it.
sorry the {x} took forever | I apologize for the delay with the {x}.
can i get a copy of the {x}? | May I have a copy of the {x}?
thx a ton for the {x}! | Thank you very much for the {x}.
`;

/** An informal sentence → its formal rewrite (metric: f1). */
export function informalToFormal(): TaskSpec {
  const all: Pair[] = [];
  for (const line of PAIRS.trim().split("\n")) {
    const [informal, formal] = line.split(" | ") as [string, string];
    for (const x of DOCUMENTS) all.push({ input: informal.replaceAll("{x}", x), output: formal.replaceAll("{x}", x) });
  }
  return {
    name: "informal_to_formal",
    description: "Rewrite the informal sentence in a formal style.",
    metric: "f1",
    references: ["Rewrite the informal sentence in formal language.", "Make the sentence formal and polite."],
    pairs: all,
  };
}
