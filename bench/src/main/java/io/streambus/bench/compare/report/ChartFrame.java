package io.streambus.bench.compare.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The parts every chart shares, drawn with Java2D on a headless image: background, title, plot area,
 * axis labels and legend. One instance draws one PNG; not thread-safe.
 */
final class ChartFrame {

    static final int WIDTH = 1200;
    static final int HEIGHT = 640;
    static final int LEFT = 90;
    static final int RIGHT = 30;
    static final int TOP = 60;
    static final int BOTTOM = 150;
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);

    final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    final Graphics2D g = image.createGraphics();

    ChartFrame(String title, String yLabel) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, LEFT, 35);
        g.setFont(TEXT);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(yLabel, -(TOP + plotHeight() / 2 + g.getFontMetrics().stringWidth(yLabel) / 2), 20);
        rotated.dispose();
    }

    int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    int plotBottom() {
        return TOP + plotHeight();
    }

    /** A horizontal grid line at y with its label left of the axis. */
    void yTick(int y, String label) {
        g.setColor(GRID);
        g.setStroke(new BasicStroke(1));
        g.drawLine(LEFT, y, LEFT + plotWidth(), y);
        g.setColor(Color.BLACK);
        g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 5);
    }

    void axes() {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(LEFT, TOP, LEFT, plotBottom());
        g.drawLine(LEFT, plotBottom(), LEFT + plotWidth(), plotBottom());
    }

    /** Text lines centred under x, starting just below the plot. */
    void xLabel(int x, List<String> lines) {
        g.setColor(Color.BLACK);
        int y = plotBottom() + 20;
        for (String line : lines) {
            g.drawString(line, x - g.getFontMetrics().stringWidth(line) / 2, y);
            y += 16;
        }
    }

    void legend(List<Series> series) {
        int x = LEFT;
        int y = HEIGHT - 30;
        for (Series s : series) {
            g.setColor(s.color());
            g.setStroke(stroke(s));
            g.drawLine(x, y - 5, x + 30, y - 5);
            g.fillRect(x + 10, y - 10, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(s.label(), x + 38, y);
            x += 38 + g.getFontMetrics().stringWidth(s.label()) + 30;
        }
    }

    static BasicStroke stroke(Series s) {
        return s.dashed()
                ? new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[]{9f, 6f}, 0f)
                : new BasicStroke(2.5f);
    }

    void save(Path file) throws IOException {
        g.dispose();
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }
}
