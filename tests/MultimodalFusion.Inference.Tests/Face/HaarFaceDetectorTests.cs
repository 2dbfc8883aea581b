using MultimodalFusion.Inference.Face;
using MultimodalFusion.Inference.Preprocessing;

namespace MultimodalFusion.Inference.Tests.Face;

public sealed class HaarFaceDetectorTests
{
    [Fact]
    public void Astronaut_has_exactly_one_face_in_the_upper_middle_right()
    {
        using var detector = new HaarFaceDetector();
        using var frame = TestImages.Load("astronaut.png");

        var faces = detector.Detect(frame);

        var face = Assert.Single(faces);
        Console.WriteLine($"astronaut face: {face} centre ({face.CenterX}, {face.CenterY})");
        // Measured once: 93x93 @ (177,67), centre (223.5, 113.5) of the 512x512 photo; the face sits right of the
        // middle and in the upper quarter. Allow 20 px for cascade/OpenCV version drift.
        Assert.InRange(face.CenterX, 205, 246);
        Assert.InRange(face.CenterY, 95, 136);
        Assert.InRange(face.Width, 70, 150);
    }

    [Fact]
    public void Cat_photo_has_no_face()
    {
        using var detector = new HaarFaceDetector();
        using var frame = TestImages.Load("chelsea.png");

        Assert.Empty(detector.Detect(frame));
        Assert.Null(new FaceCropper(detector).Crop(frame));
    }

    [Fact]
    public void Cropper_gives_a_square_with_margin_around_the_face_inside_the_frame()
    {
        using var detector = new HaarFaceDetector();
        using var frame = TestImages.Load("astronaut.png");
        var face = detector.Detect(frame)[0];

        var crop = new FaceCropper(detector, margin: 0.25f).Crop(frame)!.Value;

        Assert.Equal(crop.Width, crop.Height);
        Assert.Equal(Math.Round(Math.Max(face.Width, face.Height) * 1.5), crop.Width, 0);
        Assert.True(crop.FitsIn(frame.Width, frame.Height));
        Assert.InRange(crop.CenterX - face.CenterX, -1, 1);
        Assert.InRange(crop.CenterY - face.CenterY, -1, 1);
    }

    [Fact]
    public void Square_crop_is_shifted_and_shrunk_to_stay_inside_the_frame()
    {
        var nearCorner = new PixelRect(0, 0, 40, 20).SquareWithMargin(0.5f, 100, 80);
        Assert.Equal(new PixelRect(0, 0, 80, 80), nearCorner);
        var huge = new PixelRect(10, 10, 90, 90).SquareWithMargin(0.2f, 100, 60);
        Assert.Equal(60, huge.Width);
        Assert.True(huge.FitsIn(100, 60));
    }

    [Fact]
    public void Missing_cascade_fails_naming_the_file()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => new HaarFaceDetector(new HaarFaceDetectorOptions { CascadePath = "/nope/cascade.xml" }));
        Assert.Contains("/nope/cascade.xml", ex.Message);
        Assert.Contains("opencv-data", ex.Message);
    }
}
