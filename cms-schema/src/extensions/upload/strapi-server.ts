import { makeVariants, type UploadedPicture } from '../../picture-variants';

/** The slice of the upload plugin this extension changes. */
interface UploadPlugin {
  services: Record<string, Record<string, unknown>>;
}

/**
 * Strapi's upload plugin, with the responsive formats it makes of a picture replaced by the
 * newsroom's variants (src/picture-variants.ts): AVIF and WebP at the layout's widths, made
 * once at upload and stored by the provider with the picture. Strapi's own thumbnail (the
 * media library's) is kept. Made whatever the media library's "responsive friendly upload"
 * setting says: the site's pages need them.
 */
export default (plugin: UploadPlugin): UploadPlugin => {
  const manipulation = plugin.services['image-manipulation']!;
  const getDimensions = manipulation.getDimensions as (file: UploadedPicture) => Promise<{ width: number | null }>;
  plugin.services['image-manipulation'] = {
    ...manipulation,
    async generateResponsiveFormats(file: UploadedPicture) {
      const { width } = await getDimensions(file);
      return width ? makeVariants(file, width) : [];
    },
  };
  return plugin;
};
