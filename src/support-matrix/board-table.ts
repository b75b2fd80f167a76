// Pure data: the readable names of the boards (`model`) kairos-init builds for.

/** `model` values meaning "no particular board". */
export const GENERIC_MODELS: readonly string[] = ["generic", ""];

export const BOARD_NAMES: Readonly<Record<string, string>> = {
  rpi3: "Raspberry Pi 3",
  rpi4: "Raspberry Pi 4",
  rpi5: "Raspberry Pi 5",
  "nvidia-jetson-agx-orin": "NVIDIA Jetson AGX Orin",
  "nvidia-jetson-orin-nx": "NVIDIA Jetson Orin NX",
  "nvidia-jetson-orin-nano": "NVIDIA Jetson Orin Nano",
};
