/** The CJK font the renderers embed (the deployment default of PDF_FONT_PATH). */
export const TEST_FONT = process.env.PDF_FONT_PATH || '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
