using System.CommandLine;

// `mmf-train`: the trainer's composition root. Commands are added in Commands/ as they land.
var root = new RootCommand("mmf-train - train the fusion and extractor models with TorchSharp and export them as ONNX.");
ParseResult parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
        Console.Error.WriteLine($"mmf-train: {error.Message}");
    return 2;
}
return await parse.InvokeAsync();
