using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Synthesis.Emotion;

namespace MultimodalFusion.Synthesis.Text;

/// <summary>
/// Builds short spoken sentences from templates and word lists: emotion sentences whose sentiment follows
/// valence and whose words hint at the expression, neutral sentences with no emotional content, and the
/// calm and aggressive sentences of the violence task.
/// </summary>
/// <remarks>
/// Each emotion sentence is an opener, an intensity word chosen from |valence|, a feeling word of the
/// expression and a reason: 6 x 4 x 6 x 8 = 1,152 sentences per expression (about 9,000 in all, times
/// optional exclamations). Stateless; all randomness comes from the caller's <see cref="Random"/>.
/// </remarks>
public static class SentenceBank
{
    private static readonly string[] s_openers = ["Honestly, I am", "Right now I feel", "Today I am", "I have to say I am", "You know, I feel", "To be honest I am"];
    private static readonly string[] s_connectors = ["about", "because of", "thinking of", "after"];
    private static readonly string[] s_neutralSubjects = ["The meeting", "The next train", "The library", "The delivery", "The lecture", "The shop", "The bus", "The appointment", "The office", "The class"];
    private static readonly string[] s_neutralVerbs = ["starts", "opens", "closes", "arrives", "ends", "is moved"];
    private static readonly string[] s_neutralTimes = ["at nine", "at ten thirty", "on Monday", "next week", "after lunch", "at noon", "on the third floor", "in room twelve", "before five", "on Thursday"];
    private static readonly string[] s_calm =
    [
        "The park is quiet this afternoon", "We are just walking to the station", "Nice weather for a stroll", "Let us wait for the others here",
        "The coffee shop is open until six", "I will meet you by the fountain", "Look at the birds over there", "The kids are playing near the benches",
        "Do you have the time, please", "We can sit here for a while", "The market is busy today", "I think the bus is late again",
    ];
    private static readonly string[] s_calmTails = ["", " as usual", ", it is fine", ", no hurry", " today", ", thank you"];
    private static readonly string[] s_aggressive =
    [
        "Get away from me", "Stop hitting him", "I am going to hurt you", "Let go of me", "Somebody call the police", "Back off right now",
        "Leave her alone", "Drop the knife", "I will smash your face", "Help, he is attacking me", "Stop it, stop fighting", "Get down on the ground",
    ];
    private static readonly string[] s_aggressiveTails = ["!", ", now!", ", you idiot!", ", I swear!", "! Help!", ", or else!"];

    /// <summary>A sentence whose sentiment strength follows <paramref name="valence"/> and whose words hint at <paramref name="expression"/>.</summary>
    public static string Emotion(Random random, ExpressionClass expression, double valence)
    {
        var words = ExpressionWords.Of(expression);
        string sentence = $"{random.Pick(s_openers)} {Intensity(valence)} {random.Pick(words.Feelings)} {random.Pick(s_connectors)} {random.Pick(words.Reasons)}.";
        return random.Chance(0.35) ? $"{random.Pick(words.Exclamations)} {sentence}" : sentence;
    }

    /// <summary>A short form of <see cref="Emotion"/> for short segments: "I am really happy."</summary>
    public static string EmotionShort(Random random, ExpressionClass expression, double valence) =>
        $"I am {Intensity(valence)} {random.Pick(ExpressionWords.Of(expression).Feelings)}.";

    /// <summary>A sentence with no emotional content (schedules and places).</summary>
    public static string Neutral(Random random) =>
        $"{random.Pick(s_neutralSubjects)} {random.Pick(s_neutralVerbs)} {random.Pick(s_neutralTimes)}.";

    /// <summary>A calm remark of a passer-by.</summary>
    public static string Calm(Random random) => $"{random.Pick(s_calm)}{random.Pick(s_calmTails)}.";

    /// <summary>An intensity word that grows with |valence|.</summary>
    private static string Intensity(double valence) => Math.Abs(valence) switch
    {
        < 0.2 => "a bit",
        < 0.45 => "quite",
        < 0.7 => "really",
        _ => "extremely",
    };

    /// <summary>A shouted aggressive phrase.</summary>
    public static string Aggressive(Random random) => $"{random.Pick(s_aggressive)}{random.Pick(s_aggressiveTails)}";
}
