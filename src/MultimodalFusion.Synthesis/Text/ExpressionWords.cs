using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Synthesis.Emotion;

namespace MultimodalFusion.Synthesis.Text;

/// <summary>The words that hint at one expression: how the speaker feels and what it is about.</summary>
internal sealed record ExpressionWords(string[] Feelings, string[] Reasons, string[] Exclamations)
{
    private static readonly ExpressionWords[] s_all =
    [
        new(["fine", "okay", "calm", "settled", "alright", "steady"],
            ["the weather today", "the usual routine", "the schedule for tomorrow", "the report on my desk", "the bus ride home", "the plan for the week", "the shopping list", "the new office chairs"],
            ["Well.", "So.", "Right.", "Hmm."]),
        new(["angry", "furious", "mad", "irritated", "outraged", "fed up"],
            ["the way they lied to me", "that rude driver", "the broken promise", "being cheated again", "the stupid mistake they made", "the unfair decision", "them ignoring me", "the insult at the meeting"],
            ["This is outrageous!", "How dare they!", "Unbelievable!", "Enough!"]),
        new(["disgusted", "sickened", "grossed out", "repulsed", "nauseated", "revolted"],
            ["the rotten food in the fridge", "that filthy bathroom", "the smell in the hallway", "the slimy mess on the floor", "the mould on the bread", "the greasy dishes", "that nasty garbage", "the dirty needles in the park"],
            ["Yuck!", "Ew, gross!", "That is revolting!", "Disgusting!"]),
        new(["scared", "afraid", "terrified", "frightened", "nervous", "panicked"],
            ["the noise downstairs", "the dark alley", "that strange man following me", "the storm outside", "the test results", "the shaking bridge", "the footsteps behind me", "the fire alarm"],
            ["Oh no!", "Help!", "Please, no!", "What was that?"]),
        new(["happy", "delighted", "thrilled", "glad", "cheerful", "overjoyed"],
            ["the wonderful news", "my sister's wedding", "the lovely holiday", "our team winning", "the beautiful sunny day", "the birthday party", "my new puppy", "the great dinner with friends"],
            ["Wonderful!", "How lovely!", "Yes!", "This is great!"]),
        new(["sad", "unhappy", "heartbroken", "gloomy", "miserable", "depressed"],
            ["losing my old dog", "the funeral last week", "my friend moving away", "the lonely evenings", "the end of our friendship", "missing my family", "the bad news from home", "the empty house"],
            ["Oh dear.", "Sigh.", "It hurts.", "I miss it."]),
        new(["surprised", "astonished", "amazed", "stunned", "startled", "shocked"],
            ["the unexpected visitor", "the sudden announcement", "that plot twist", "the surprise party", "the huge gift", "the letter out of nowhere", "the sudden result", "seeing him here"],
            ["Wow!", "Really?", "No way!", "What a surprise!"]),
        new(["unsure", "puzzled", "distracted", "thoughtful", "curious", "indifferent"],
            ["the odd question", "the strange puzzle", "something on the radio", "the idea I had", "the crossword", "the other option", "the old photographs", "the noise outside"],
            ["Hmm, maybe.", "Who knows.", "Let me think.", "I wonder."]),
    ];

    /// <summary>The words of <paramref name="expression"/>.</summary>
    public static ExpressionWords Of(ExpressionClass expression) => s_all[(int)expression];
}
