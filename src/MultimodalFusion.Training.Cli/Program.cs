using MultimodalFusion.Training.Cli;

// `mmf-train`: the trainer's composition root; the commands live in Commands/, the dispatch in MmfTrain.
return await MmfTrain.RunAsync(args, Console.Out, Console.Error);
