import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Clearway", template: "%s · Clearway" },
  description: "Case management for survivor-service partnerships.",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

// Every page carries a per-request CSP nonce and most show private data: nothing is prerendered.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
