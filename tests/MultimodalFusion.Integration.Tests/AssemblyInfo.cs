// Integration tests start real servers (RTSP, PulseAudio) and child processes; one at a time keeps
// them from competing for the 2 cores of a CI machine and for loopback ports.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
