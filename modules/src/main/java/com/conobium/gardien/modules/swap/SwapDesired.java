package com.conobium.gardien.modules.swap;

/**
 * The swap file the manifest asks for.
 *
 * @param file whether Gardien makes and keeps it
 * @param path where it lives
 */
record SwapDesired(boolean file, String path) {}
