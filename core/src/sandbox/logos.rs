//! Brand logos the sandbox draws itself (the brand's name in a pixel font on its colour), in
//! the six variants the CDN serves: webp and jpg, full, 500x318 and 300x190.

use super::brands::{every_brand, BrandDef};
use super::text::logo_name;
use image::{codecs::jpeg::JpegEncoder, ExtendedColorType, ImageEncoder, Rgb, RgbImage};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

/// Full size keeps the 500x318 aspect ratio.
const SIZES: &[(&str, u32, u32)] = &[
    ("", 1000, 636),
    ("_500x318", 500, 318),
    ("_300x190", 300, 190),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Webp,
    Jpeg,
}

impl Format {
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Webp => "image/webp",
            Self::Jpeg => "image/jpeg",
        }
    }
}

/// Encoded logos, drawn on first request (there are a few hundred at most).
#[derive(Clone, Default)]
pub struct Logos {
    drawn: Arc<Mutex<HashMap<String, Arc<Vec<u8>>>>>,
}

impl Logos {
    /// The logo file `name` ("amazon-com_300x190.webp"), or `None` when no brand has it.
    /// Drawing and encoding take tens of milliseconds: they run on a blocking thread, with
    /// no lock held (two first requests for one logo may both draw it; the first kept wins).
    pub async fn file(&self, name: &str) -> Option<(Format, Arc<Vec<u8>>)> {
        let (stem, format) = match name.rsplit_once('.')? {
            (stem, "webp") => (stem, Format::Webp),
            (stem, "jpg") => (stem, Format::Jpeg),
            _ => return None,
        };
        let (slug, width, height) = SIZES
            .iter()
            .filter(|(suffix, _, _)| !suffix.is_empty())
            .find_map(|(suffix, w, h)| stem.strip_suffix(suffix).map(|slug| (slug, *w, *h)))
            .unwrap_or((stem, SIZES[0].1, SIZES[0].2));
        let brand = every_brand().find(|b| logo_name(b.name) == slug)?;
        if let Some(bytes) = self.lock().get(name) {
            return Some((format, bytes.clone()));
        }
        let bytes =
            tokio::task::spawn_blocking(move || encode(&draw(brand, width, height), format))
                .await
                .ok()??;
        let kept = self
            .lock()
            .entry(name.to_string())
            .or_insert_with(|| Arc::new(bytes))
            .clone();
        Some((format, kept))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Vec<u8>>>> {
        self.drawn.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A barcode-like picture of `code` (bars from its bytes), as JPEG: what a gift card's
/// `barcode_image_url` points at.
pub fn barcode(code: &str) -> Option<Vec<u8>> {
    let (width, height) = (360u32, 120u32);
    let mut image = RgbImage::from_pixel(width, height, Rgb([255, 255, 255]));
    let bits: Vec<bool> = code
        .bytes()
        .flat_map(|b| (0..8).map(move |i| b & (1 << i) != 0))
        .collect();
    if bits.is_empty() {
        return None;
    }
    for x in 10..width - 10 {
        let bar = bits[(x as usize - 10) * bits.len() / (width as usize - 20)];
        if bar {
            for y in 10..height - 10 {
                image.put_pixel(x, y, Rgb([0, 0, 0]));
            }
        }
    }
    encode(&image, Format::Jpeg)
}

fn encode(image: &RgbImage, format: Format) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (w, h) = image.dimensions();
    let result = match format {
        Format::Webp => image::codecs::webp::WebPEncoder::new_lossless(&mut out).write_image(
            image.as_raw(),
            w,
            h,
            ExtendedColorType::Rgb8,
        ),
        Format::Jpeg => JpegEncoder::new_with_quality(&mut out, 85).write_image(
            image.as_raw(),
            w,
            h,
            ExtendedColorType::Rgb8,
        ),
    };
    result.ok().map(|_| out)
}

fn parse_color(hex: &str) -> Rgb<u8> {
    let hex = hex.trim_start_matches('#');
    let channel =
        |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("80"), 16).unwrap_or(128);
    Rgb([channel(0), channel(2), channel(4)])
}

/// Black or white, whichever reads better on `bg`.
fn ink_for(bg: Rgb<u8>) -> Rgb<u8> {
    let [r, g, b] = bg.0.map(u32::from);
    if r * 299 + g * 587 + b * 114 > 150_000 {
        Rgb([20, 20, 20])
    } else {
        Rgb([255, 255, 255])
    }
}

/// What the tile shows: the name when it fits in twelve letters, else its initials.
fn caption(name: &str) -> String {
    let upper: String = name
        .to_uppercase()
        .chars()
        .filter(|c| glyph(*c).is_some())
        .collect();
    if upper.chars().count() <= 12 {
        return upper.trim().to_string();
    }
    upper
        .split([' ', '-', '.'])
        .filter_map(|w| w.chars().next())
        .take(4)
        .collect()
}

fn draw(brand: &BrandDef, width: u32, height: u32) -> RgbImage {
    let bg = parse_color(brand.color);
    let ink = ink_for(bg);
    let mut img = RgbImage::from_pixel(width, height, bg);
    let text = caption(brand.name);
    let columns = (text.chars().count() as u32 * 6).max(1);
    // The biggest whole pixel size that leaves a margin on every side.
    let scale = ((width * 8 / 10) / columns)
        .min((height * 5 / 10) / 7)
        .max(1);
    let left = (width - (columns * scale).min(width)) / 2;
    let top = (height - 7 * scale) / 2;
    for (i, c) in text.chars().enumerate() {
        let Some(rows) = glyph(c) else { continue };
        for (y, row) in rows.iter().enumerate() {
            for x in 0..5u32 {
                if row & (0b10000 >> x) == 0 {
                    continue;
                }
                let x0 = left + (i as u32 * 6 + x) * scale;
                let y0 = top + y as u32 * scale;
                for py in y0..(y0 + scale).min(height) {
                    for px in x0..(x0 + scale).min(width) {
                        img.put_pixel(px, py, ink);
                    }
                }
            }
        }
    }
    img
}

/// A 5x7 pixel font: seven rows of five bits each.
fn glyph(c: char) -> Option<[u8; 7]> {
    Some(match c {
        'A' => [0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11],
        'B' => [0x1E, 0x11, 0x11, 0x1E, 0x11, 0x11, 0x1E],
        'C' => [0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E],
        'D' => [0x1E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1E],
        'E' => [0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F],
        'F' => [0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10],
        'G' => [0x0E, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0F],
        'H' => [0x11, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11],
        'I' => [0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E],
        'J' => [0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0C],
        'K' => [0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11],
        'L' => [0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F],
        'M' => [0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11],
        'N' => [0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11],
        'O' => [0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E],
        'P' => [0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10],
        'Q' => [0x0E, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0D],
        'R' => [0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11],
        'S' => [0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E],
        'T' => [0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04],
        'U' => [0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E],
        'V' => [0x11, 0x11, 0x11, 0x11, 0x11, 0x0A, 0x04],
        'W' => [0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0A],
        'X' => [0x11, 0x11, 0x0A, 0x04, 0x0A, 0x11, 0x11],
        'Y' => [0x11, 0x11, 0x11, 0x0A, 0x04, 0x04, 0x04],
        'Z' => [0x1F, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1F],
        '0' => [0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E],
        '1' => [0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E],
        '2' => [0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F],
        '3' => [0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E],
        '4' => [0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02],
        '5' => [0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E],
        '6' => [0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E],
        '7' => [0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08],
        '8' => [0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E],
        '9' => [0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C],
        '.' => [0x00, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x0C],
        '&' => [0x0C, 0x12, 0x14, 0x08, 0x15, 0x12, 0x0D],
        '+' => [0x00, 0x04, 0x04, 0x1F, 0x04, 0x04, 0x00],
        '-' => [0x00, 0x00, 0x00, 0x1F, 0x00, 0x00, 0x00],
        '\'' => [0x04, 0x04, 0x08, 0x00, 0x00, 0x00, 0x00],
        ' ' => [0; 7],
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dimensions(bytes: &[u8], format: image::ImageFormat) -> Option<(u32, u32)> {
        let img = image::load_from_memory_with_format(bytes, format).ok()?;
        Some((img.width(), img.height()))
    }

    #[tokio::test]
    async fn every_variant_is_a_real_image_of_its_size() {
        let logos = Logos::default();
        for (file, format, size) in [
            ("amazon-com.webp", image::ImageFormat::WebP, (1000, 636)),
            (
                "amazon-com_500x318.webp",
                image::ImageFormat::WebP,
                (500, 318),
            ),
            (
                "amazon-com_300x190.webp",
                image::ImageFormat::WebP,
                (300, 190),
            ),
            ("amazon-com.jpg", image::ImageFormat::Jpeg, (1000, 636)),
            (
                "amazon-com_500x318.jpg",
                image::ImageFormat::Jpeg,
                (500, 318),
            ),
            (
                "amazon-com_300x190.jpg",
                image::ImageFormat::Jpeg,
                (300, 190),
            ),
        ] {
            let (_, bytes) = logos
                .file(file)
                .await
                .unwrap_or_else(|| panic!("{file} is served"));
            assert_eq!(dimensions(&bytes, format), Some(size), "{file}");
        }
    }

    #[tokio::test]
    async fn unknown_brands_and_formats_have_no_logo() {
        let logos = Logos::default();
        assert!(logos.file("no-such-brand_300x190.webp").await.is_none());
        assert!(logos.file("amazon-com_300x190.png").await.is_none());
    }

    #[test]
    fn long_names_become_initials() {
        assert_eq!(caption("Amazon.com"), "AMAZON.COM");
        assert_eq!(caption("Southwest Airlines"), "SA");
        assert_eq!(caption("Whole Foods Market"), "WFM");
    }
}
