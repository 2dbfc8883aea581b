#!/usr/bin/env pwsh
<#
.SYNOPSIS
  One entry for people: demo | test | bench | train.

.DESCRIPTION
  demo   Installs what is missing (Debian packages, sample media), builds the CLI and runs the
         emotion monitor `mmf emotion --realtime` on the embedded defaults: the default models in
         onnx/emotion and the synthetic demo clip (a face, speech and its transcript, generated into
         .media/demo/ on first use), printing valence/arousal and the expression per window and a
         session summary at the end. Extra arguments replace `--realtime` and go to `mmf emotion`
         (e.g. a camera or a file).
  test   Installs what the tests need, builds and runs every test project, prints one
         closing line "tests: N passed, N failed, N skipped".
  bench  Runs the BenchmarkDotNet suites in Release, in-process. Default: the quick set (every
         suite, short job, about 4-5 minutes on 2 cores). Extra arguments replace it: `smoke`
         (each benchmark once, what CI runs), `e2e` (end-to-end latency harness), or any
         BenchmarkSwitcher arguments. See benchmarks/README.md.
  train  Runs the TorchSharp trainer `mmf-train` (src/MultimodalFusion.Training.Cli) in Release;
         extra arguments go to it (e.g. `train --task va --data CACHE --out DIR`, `export ...`).
         Without arguments it prints the trainer's help.

.EXAMPLE
  dotnet tool restore && dotnet pwsh -NoProfile -File run.ps1 demo
#>
param(
    [Parameter(Position = 0)]
    [ValidateSet('demo', 'test', 'bench', 'train', 'help')]
    [string] $Task = 'help',
    [Parameter(Position = 1, ValueFromRemainingArguments = $true)]
    [string[]] $Rest = @()
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'

function Write-Step([string] $Message) { Write-Host "[run.ps1] $Message" }

function Invoke-Checked([string] $Command, [string[]] $Arguments) {
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) {
        Write-Host "[run.ps1] '$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE"
        exit $LASTEXITCODE
    }
}

function Install-Prerequisites {
    if ($IsLinux) {
        Write-Step 'checking Debian packages (tools/install-deps.sh)'
        Invoke-Checked 'bash' @('tools/install-deps.sh')
        Write-Step 'checking sample media (tools/fetch-media.sh)'
        Invoke-Checked 'bash' @('tools/fetch-media.sh')
        Invoke-Checked 'bash' @('tools/fetch-silero-vad.sh')
    } else {
        Write-Step 'not Linux: install ffmpeg yourself and put the media of tools/fetch-media.sh into .media/'
    }
}

function Write-TestSummary([string] $ResultsDir) {
    $passed = 0; $failed = 0; $skipped = 0
    foreach ($file in Get-ChildItem -Path $ResultsDir -Filter '*.trx' -Recurse) {
        $counters = ([xml](Get-Content -Raw -LiteralPath $file.FullName)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $skipped += [int]$counters.notExecuted
    }
    Write-Host "tests: $passed passed, $failed failed, $skipped skipped"
}

switch ($Task) {
    'demo' {
        Install-Prerequisites
        Write-Step 'building and running: mmf emotion on the demo clip with the default models, paced in real time (Ctrl+C stops)'
        $emotionArgs = if ($Rest.Count -gt 0) { @('emotion') + $Rest } else { @('emotion', '--realtime') }
        Invoke-Checked 'dotnet' (@('run', '--project', 'src/MultimodalFusion.Cli', '-c', 'Release', '--') + $emotionArgs)
    }
    'test' {
        Install-Prerequisites
        $results = Join-Path $PSScriptRoot 'artifacts/test-results'
        if (Test-Path $results) { Remove-Item -Recurse -Force $results }
        Write-Step 'building and running the tests (results in artifacts/test-results)'
        & dotnet test MultimodalFusion.Realtime.sln -c Release --settings tests/ci.runsettings `
            --logger 'trx' --logger 'console;verbosity=normal' --results-directory $results @Rest
        $code = $LASTEXITCODE
        Write-TestSummary $results
        exit $code
    }
    'bench' {
        Write-Step 'running the benchmarks in Release (BenchmarkDotNet)'
        $benchArgs = if ($Rest.Count -gt 0) { $Rest } else { @('quick') }
        Invoke-Checked 'dotnet' (@('run', '-c', 'Release', '--project', 'benchmarks/MultimodalFusion.Benchmarks', '--') + $benchArgs)
    }
    'train' {
        Write-Step 'running the trainer (mmf-train, TorchSharp on CPU) in Release'
        $trainArgs = if ($Rest.Count -gt 0) { $Rest } else { @('--help') }
        Invoke-Checked 'dotnet' (@('run', '-c', 'Release', '--project', 'src/MultimodalFusion.Training.Cli', '--') + $trainArgs)
    }
    default {
        Write-Host @'
usage: dotnet pwsh -NoProfile -File run.ps1 demo | test | bench | train [ARGS...]
  demo   install what is missing, then `mmf emotion --realtime` on the demo clip (ARGS: emotion arguments instead)
  test   install what the tests need, run every test project, print "tests: N passed, N failed, N skipped"
  bench  BenchmarkDotNet suites in Release (ARGS: quick (default) | smoke | e2e | BenchmarkSwitcher arguments)
  train  the trainer mmf-train in Release (ARGS: its command line; default --help)
'@
    }
}
